package dev.switchboard.verbs;

import dev.switchboard.protocol.RoomView;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * {@code roomView {room}}: the room's members and their count. As in actionhero, only a member may
 * look: {@code NOT_IN_ROOM} otherwise; and only one the room's rule lets see presence ({@link RoomPermissions}).
 */
@Dependent
@AnswersAtOnce(unlessRoomCode = true)
@Handles("roomView")
public class RoomViewHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final RoomPermissions permissions;

    @Inject
    public RoomViewHandler(RoomRegistry registry, RoomPermissions permissions) {
        this.registry = new RegistryInstance(registry);
        this.permissions = permissions;
    }

    @Override
    public RoomView handle(Caller caller, Params params) {
        RoomName room = params.room();
        permissions.checkPresence(caller, room);
        if (!caller.isIn(room)) {
            throw new NotInRoomException(room);
        }
        return registry.get().view(room).orElseThrow(() -> new NotInRoomException(room));
    }
}
