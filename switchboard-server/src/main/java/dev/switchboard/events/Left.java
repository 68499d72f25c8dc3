package dev.switchboard.events;

/**
 * A connection on this node left a room: by asking, because it closed, or because the application took it out.
 *
 * @param connectionId its id
 * @param user its user, or {@code null}
 * @param room the room
 * @param at when, epoch milliseconds
 */
public record Left(String connectionId, String user, String room, long at) {
}
