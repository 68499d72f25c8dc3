package dev.switchboard.verbs;

import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every handler of switchboard-server, wired by hand with real collaborators, by method name. For tests without a container. */
public final class TestHandlers {

    private TestHandlers() {
    }

    public static Map<String, VerbHandler> all(RoomRegistry registry, FrameCodec codec) {
        RoomPolicies none = new RoomPolicies(List.of());
        List<VerbHandler> all = List.of(new PingHandler(), new RoomAddHandler(registry, none),
                new RoomLeaveHandler(registry, none), new RoomChangeHandler(registry, none), new RoomViewHandler(registry),
                new SayHandler(registry, codec, new NodeIdentity("n1"), none), new DetailsViewHandler(), new QuitHandler());
        Map<String, VerbHandler> byName = new HashMap<>();
        for (VerbHandler handler : all) {
            for (String name : handler.getClass().getAnnotation(Handles.class).value()) {
                byName.put(name, handler);
            }
        }
        return byName;
    }
}
