package dev.switchboard.verbs;

import dev.switchboard.protocol.JoinResult;
import dev.switchboard.protocol.Position;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.rooms.JoinOutcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * {@code roomAdd {room, since?}} (alias {@code listenToRoom}): joins a room, made on first join. The
 * room's members, the caller included, get a {@code join} event. Joining a room twice changes nothing
 * and replies {@code joined: false}. With {@code since} (a position from a {@code say} event) the room's
 * messages after it come first, and the reply says whether they could ({@code recovered}) or why not. The room's
 * rule ({@link RoomPermissions}) decides who may join, and whether a {@code since} may replay its history.
 */
@Dependent
@Handles({"roomAdd", "listenToRoom"})
public class RoomAddHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final RoomPolicies policies;
    private final RoomPermissions permissions;

    @Inject
    public RoomAddHandler(RoomRegistry registry, RoomPolicies policies, RoomPermissions permissions) {
        this.registry = new RegistryInstance(registry);
        this.policies = policies;
        this.permissions = permissions;
    }

    @Override
    public JoinResult handle(Caller caller, Params params) {
        RoomName room = params.room();
        Position since = params.since();
        if (!caller.isIn(room)) {
            permissions.checkJoin(caller, room);
        }
        if (since != null && !permissions.mayReadHistory(caller, room)) {
            JoinOutcome outcome = registry.get().join(caller, room, null, policies);
            return new JoinResult(room.value(), outcome.joined(), outcome.membersCount(), false,
                    "the history of room '" + room.value() + "' is not yours to read (rule '" + permissions.ruleFor(room).name() + "')");
        }
        JoinOutcome outcome = registry.get().join(caller, room, since, policies); // the policies decide under the room's lock
        return new JoinResult(room.value(), outcome.joined(), outcome.membersCount(), outcome.recovered(), outcome.reason());
    }
}
