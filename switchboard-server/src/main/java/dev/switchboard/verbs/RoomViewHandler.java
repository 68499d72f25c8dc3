package dev.switchboard.verbs;

import dev.switchboard.protocol.RoomView;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * {@code roomView {room}}: the room's members and their count. As in actionhero, only a member may
 * look: {@code NOT_IN_ROOM} otherwise.
 */
@Dependent
@Handles("roomView")
public class RoomViewHandler implements VerbHandler {

    private final RoomRegistry registry;

    @Inject
    public RoomViewHandler(RoomRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RoomView handle(Caller caller, Params params) {
        RoomName room = params.room();
        if (!caller.isIn(room)) {
            throw new NotInRoomException(room);
        }
        return registry.view(room).orElseThrow(() -> new NotInRoomException(room));
    }
}
