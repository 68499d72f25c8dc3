package dev.switchboard.verbs;

import dev.switchboard.protocol.LeaveResult;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * {@code roomLeave {room}} (alias {@code silenceRoom}): leaves a room. The remaining members get a
 * {@code leave} event. {@code NOT_IN_ROOM} when the caller is not a member.
 */
@Dependent
@Handles({"roomLeave", "silenceRoom"})
public class RoomLeaveHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final RoomPolicies policies;

    @Inject
    public RoomLeaveHandler(RoomRegistry registry, RoomPolicies policies) {
        this.registry = new RegistryInstance(registry);
        this.policies = policies;
    }

    @Override
    public LeaveResult handle(Caller caller, Params params) {
        RoomName room = params.room();
        if (caller.isIn(room)) {
            policies.leave(caller, room);
        }
        if (!registry.get().leave(caller, room)) {
            throw new NotInRoomException(room);
        }
        return new LeaveResult(room.value());
    }
}
