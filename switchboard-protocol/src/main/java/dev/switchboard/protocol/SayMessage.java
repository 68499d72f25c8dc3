package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code say} event.
 *
 * @param room where it was said
 * @param from the sender, always set by the server
 * @param message what was said: any JSON value the sender chose
 * @param messageId unique across the cluster
 * @param sentAt when the server accepted it, epoch milliseconds
 */
@JsonbPropertyOrder({"room", "from", "message", "messageId", "sentAt"})
public record SayMessage(String room, Peer from, JsonValue message, String messageId, long sentAt) {
}
