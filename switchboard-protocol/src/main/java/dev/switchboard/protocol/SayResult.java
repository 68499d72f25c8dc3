package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code say} reply: the message was accepted and is on its way to the members.
 *
 * @param room the room
 * @param messageId the id its {@code say} event carries
 * @param sentAt the {@code sentAt} its {@code say} event carries
 */
@JsonbPropertyOrder({"room", "messageId", "sentAt"})
public record SayResult(String room, String messageId, long sentAt) {
}
