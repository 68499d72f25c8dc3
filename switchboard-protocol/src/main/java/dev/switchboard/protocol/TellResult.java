package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code tell} reply.
 *
 * @param to the connection id or user
 * @param delivered true: the target is connected somewhere in the cluster and the message is on its way
 * @param messageId the id its {@code tell} event carries
 * @param repeated {@code true} when the {@code key} named a tell already sent: nothing was sent again, and the id is the
 *     original's
 */
@JsonbPropertyOrder({"to", "delivered", "messageId", "repeated"})
public record TellResult(String to, boolean delivered, String messageId, boolean repeated) {

    public TellResult(String to, boolean delivered, String messageId) {
        this(to, delivered, messageId, false);
    }
}
