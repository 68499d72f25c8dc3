package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code say} reply: the message was accepted and is on its way to the members.
 *
 * @param room the room
 * @param messageId the id its {@code say} event carries
 * @param sentAt the {@code sentAt} its {@code say} event carries
 * @param position of a say with a {@code key}: where the message stands in the room's order (the reply waits for it);
 *     {@code null} (absent) for a say without one
 * @param repeated {@code true} when the {@code key} named a message the room already had: nothing was sent again, and
 *     the id, time and position are the original's
 */
@JsonbPropertyOrder({"room", "messageId", "sentAt", "position", "repeated"})
public record SayResult(String room, String messageId, long sentAt, Position position, boolean repeated) {

    /** A say without a key: on its way, no position awaited. */
    public SayResult(String room, String messageId, long sentAt) {
        this(room, messageId, sentAt, null, false);
    }
}
