package dev.switchboard.verbs;

import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every handler of switchboard-server, wired by hand with real collaborators, by method name. For tests without a container. */
public final class TestHandlers {

    private TestHandlers() {
    }

    /** With the default settings' room permissions (authenticated users say). */
    public static Map<String, VerbHandler> all(RoomRegistry registry, FrameCodec codec) {
        return all(registry, codec, permissions(Settings.of(Map.of())));
    }

    /** The room permissions of these settings, with no rules from code. */
    public static RoomPermissions permissions(Settings settings) {
        return new RoomPermissions(settings.rooms(), settings.auth(), List.of());
    }

    public static Map<String, VerbHandler> all(RoomRegistry registry, FrameCodec codec, RoomPermissions permissions) {
        RoomPolicies none = new RoomPolicies(List.of());
        List<VerbHandler> all = List.of(new PingHandler(), new RoomAddHandler(registry, none, permissions),
                new RoomLeaveHandler(registry, none), new RoomChangeHandler(registry, none, permissions),
                new RoomViewHandler(registry, permissions), new HistoryHandler(registry, codec, permissions),
                new SayHandler(registry, codec, new NodeIdentity("n1"), none, permissions), new DetailsViewHandler(), new QuitHandler());
        Map<String, VerbHandler> byName = new HashMap<>();
        for (VerbHandler handler : all) {
            for (String name : handler.getClass().getAnnotation(Handles.class).value()) {
                byName.put(name, handler);
            }
        }
        return byName;
    }
}
