package dev.switchboard.events;

/**
 * A connection on this node joined a room: by its own {@code roomAdd} (or an alias), or because the application
 * put it there (a default room, {@code Switchboard.subscribe}).
 *
 * @param connectionId its id
 * @param user its user, or {@code null}
 * @param room the room
 * @param at when, epoch milliseconds
 */
public record Joined(String connectionId, String user, String room, long at) {
}
