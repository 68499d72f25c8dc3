package dev.switchboard.rooms;

import java.util.Optional;

/**
 * Room permissions from code (the SPI beside {@code switchboard.rooms.permissions}): a CDI bean that answers the
 * {@link RoomRule} of the rooms it knows, empty for the others. Asked after the configured rules (an operator's rule
 * for a room wins), in {@link jakarta.annotation.Priority} order (lower first); the first answer is the room's rule.
 * A room's rule is asked when the room gets its first member on a node and for every call that a rule governs:
 * answer from memory, quickly (no I/O).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class TicketRooms implements RoomRules {
 *     public Optional<RoomRule> ruleFor(RoomName room) {
 *         return room.value().startsWith("ticket-")
 *                 ? Optional.of(RoomRule.open("tickets").withJoin(Access.roles(Set.of("agents", "customers"))))
 *                 : Optional.empty();
 *     }
 * }
 * }</pre>
 */
public interface RoomRules {

    /** The rule of this room, or empty when this bean does not rule on it. */
    Optional<RoomRule> ruleFor(RoomName room);
}
