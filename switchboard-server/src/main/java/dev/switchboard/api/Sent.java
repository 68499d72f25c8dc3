package dev.switchboard.api;

import dev.switchboard.protocol.Position;

/**
 * What became of a message the application sent.
 *
 * @param messageId its id, unique in the cluster (the {@code messageId} clients see)
 * @param position where it stands in its room's order (as clients see it, the {@code since} of a recovery), or
 *     {@code null} when it went to a user or a connection
 * @param repeated true when its idempotency key named a message the room already had: the id and position are that
 *     one's, and nothing was sent again
 */
public record Sent(String messageId, Position position, boolean repeated) {
}
