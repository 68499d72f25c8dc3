package dev.switchboard.verbs;

import dev.switchboard.protocol.JoinResult;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomPolicy;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.rooms.JoinOutcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code roomChange {room}} (actionhero's faye-era verb): leaves every other room, then joins this one — if the room's
 * rule and the policies let it join, checked before it leaves anything.
 */
@Dependent
@Handles("roomChange")
public class RoomChangeHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final RoomPolicies policies;
    private final RoomPermissions permissions;

    @Inject
    public RoomChangeHandler(RoomRegistry registry, RoomPolicies policies, RoomPermissions permissions) {
        this.registry = new RegistryInstance(registry);
        this.policies = policies;
        this.permissions = permissions;
    }

    @Override
    public JoinResult handle(Caller caller, Params params) {
        RoomName target = params.room();
        List<RoomName> leaving = caller.rooms().stream().filter(room -> !room.equals(target.value())).map(RoomName::new).toList();
        if (!caller.isIn(target)) {
            permissions.checkJoin(caller, target);
            policies.join(new RoomPolicy.JoinRequest(caller, target, registry.get().membersCount(target), 0));
        }
        leaving.forEach(room -> policies.leave(caller, room));
        for (RoomName room : leaving) {
            registry.get().leave(caller, room);
        }
        JoinOutcome outcome = registry.get().join(caller, target, null, policies); // decided again, atomically with the join
        return new JoinResult(target.value(), outcome.joined(), outcome.membersCount());
    }
}
