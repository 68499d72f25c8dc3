package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;

/**
 * Where a published message stands.
 *
 * @param repeated true when its idempotency key named a message the room had already: these are that one's
 */
public record Published(String room, String messageId, Position position, boolean repeated) {
}
