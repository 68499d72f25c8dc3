package dev.switchboard.events;

import dev.switchboard.protocol.Peer;
import jakarta.json.JsonValue;

/**
 * A direct message left this node for a user's connections or one connection, wherever they are: a client's
 * {@code tell}, or the application's tell or event to a user or a connection.
 *
 * @param to the connection id or user it was addressed to
 * @param event {@code tell}, or the name of the application's event
 * @param from who sent it ({@code id} null for the application)
 * @param message what was told (a {@code tell}'s message, or an application event's data)
 * @param messageId its id
 * @param at when it was sent ({@code sentAt}), epoch milliseconds
 */
public record Told(String to, String event, Peer from, JsonValue message, String messageId, long at) {
}
