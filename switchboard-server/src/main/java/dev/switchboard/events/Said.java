package dev.switchboard.events;

import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import jakarta.json.JsonValue;

/**
 * A message reached its room with its position: fired once in the cluster, on the node it was published from
 * (a client's {@code say}, or the application's publish or event to a room), after its position is known.
 *
 * @param room the room
 * @param event {@code say}, or the name of the application's event
 * @param from who sent it ({@code id} null for the application)
 * @param message what was said (a {@code say}'s message, or an application event's data)
 * @param messageId its id
 * @param position its place in the room's order
 * @param at when the server accepted it ({@code sentAt}), epoch milliseconds
 */
public record Said(String room, String event, Peer from, JsonValue message, String messageId, Position position, long at) {
}
