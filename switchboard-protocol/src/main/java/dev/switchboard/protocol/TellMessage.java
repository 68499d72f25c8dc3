package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code tell} event: a direct message.
 *
 * @param from the sender, always set by the server
 * @param to the connection id or user it was addressed to
 * @param message any JSON value
 * @param messageId unique across the cluster
 * @param sentAt epoch milliseconds
 */
@JsonbPropertyOrder({"from", "to", "message", "messageId", "sentAt"})
public record TellMessage(Peer from, String to, JsonValue message, String messageId, long sentAt) {
}
