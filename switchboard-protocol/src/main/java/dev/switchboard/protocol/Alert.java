package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of the {@code alert} event: an operator's broadcast to one room or to everyone.
 *
 * @param room the room it went to, or {@code null} when it went to every connection
 * @param message any JSON value the operator sent
 * @param sentAt when the node that took the request sent it (epoch milliseconds)
 */
@JsonbPropertyOrder({"room", "message", "sentAt"})
public record Alert(String room, JsonValue message, long sentAt) {
}
