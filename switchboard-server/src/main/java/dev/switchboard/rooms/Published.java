package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;

/**
 * Where a published message stands.
 *
 * @param sentAt the {@code sentAt} of its event's data, or 0 when it has none
 * @param repeated true when its idempotency key named a message the room had already: these are that one's
 */
public record Published(String room, String messageId, Position position, long sentAt, boolean repeated) {

    /** The same message, as the answer to a repeat of its key. */
    Published asRepeat() {
        return repeated ? this : new Published(room, messageId, position, sentAt, true);
    }
}
