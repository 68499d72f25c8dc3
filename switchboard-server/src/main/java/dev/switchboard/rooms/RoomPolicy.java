package dev.switchboard.rooms;

import jakarta.json.JsonValue;

/**
 * Rules for rooms (actionhero's chat middleware). Application code adds one as a CDI bean; every policy
 * runs in {@link jakarta.annotation.Priority} order (lower first; none given: {@value #DEFAULT_PRIORITY}).
 * A hook vetoes by throwing {@link PolicyRefusal}: the caller gets its code and message. Every hook has a
 * default that allows, so a policy overrides only what it rules on.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Priority(500)
 * public class NoShouting implements RoomPolicy {
 *     public JsonValue say(Member sender, RoomName room, JsonValue message) {
 *         if (message instanceof JsonString text && text.getString().equals(text.getString().toUpperCase())) {
 *             return Json.createValue(text.getString().toLowerCase());   // rewritten once, for everyone
 *         }
 *         return message;
 *     }
 * }
 * }</pre>
 */
public interface RoomPolicy {

    /** The priority of a policy without {@code @Priority}. */
    int DEFAULT_PRIORITY = 1000;

    /**
     * Before a member joins a room (not when it is a member already). It runs holding the room's lock, so
     * that what it counts is what the join changes (a cap cannot be overshot by joins racing on a node):
     * decide from the request and your own state, quickly — no I/O, and no call back into the rooms (another
     * room's lock taken here could deadlock with a join there).
     */
    default void join(JoinRequest request) {
    }

    /** Before a member leaves a room by asking to (a closing connection leaves without asking). */
    default void leave(Member member, RoomName room) {
    }

    /** Before a message is sent to a room: return it, or another message that every member gets instead. */
    default JsonValue say(Member sender, RoomName room, JsonValue message) {
        return message;
    }

    /**
     * For each local receiver of a message, on every node: return it, another message for this receiver
     * only, or {@code null} to not deliver it to this receiver. Costs an encoding per altered receiver.
     */
    default JsonValue deliver(Member receiver, RoomName room, String fromId, JsonValue message) {
        return message;
    }

    /** A join as a policy sees it: who, where, and how full the room and the member are. */
    record JoinRequest(Member member, RoomName room, int membersCount, int roomsOfMember) {
    }
}
