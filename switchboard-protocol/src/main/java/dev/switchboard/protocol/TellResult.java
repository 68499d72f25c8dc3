package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code tell} reply.
 *
 * @param to the connection id or user
 * @param delivered true: the target is connected somewhere in the cluster and the message is on its way
 * @param messageId the id its {@code tell} event carries
 */
@JsonbPropertyOrder({"to", "delivered", "messageId"})
public record TellResult(String to, boolean delivered, String messageId) {
}
