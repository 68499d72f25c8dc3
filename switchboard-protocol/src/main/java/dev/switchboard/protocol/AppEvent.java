package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of an event the server's application sends under a name of its own ({@code order-shipped},
 * {@code price}): to a room's members — then in the room's order and history, with a {@code position} added
 * like a {@code say}'s — or to a user's or one connection's.
 *
 * @param room the room it was sent to, or {@code null} (sent to a user or a connection)
 * @param from who it comes from: {@code id} null, {@code user} the user the application acts for, or null
 * @param data what the application sent: any JSON value
 * @param messageId unique across the cluster
 * @param sentAt when the server accepted it, epoch milliseconds
 */
@JsonbPropertyOrder({"room", "from", "data", "messageId", "sentAt"})
public record AppEvent(String room, Peer from, JsonValue data, String messageId, long sentAt) {
}
