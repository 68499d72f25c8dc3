package dev.switchboard.verbs;

import dev.switchboard.protocol.JoinResult;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.rooms.RoomRegistry.JoinOutcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code roomChange {room}} (actionhero's faye-era verb): leaves every other room, then joins this one.
 */
@Dependent
@Handles("roomChange")
public class RoomChangeHandler implements VerbHandler {

    private final RoomRegistry registry;

    @Inject
    public RoomChangeHandler(RoomRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JoinResult handle(Caller caller, Params params) {
        RoomName target = params.room();
        for (String room : List.copyOf(caller.rooms())) {
            if (!room.equals(target.value())) {
                registry.leave(caller, new RoomName(room));
            }
        }
        JoinOutcome outcome = registry.join(caller, target);
        return new JoinResult(target.value(), outcome.joined(), outcome.membersCount());
    }
}
