package dev.switchboard.events;

/**
 * A connection on this node closed (and has left its rooms).
 *
 * @param connectionId its id
 * @param user its user, or {@code null}
 * @param at when, epoch milliseconds
 */
public record Disconnected(String connectionId, String user, long at) {
}
