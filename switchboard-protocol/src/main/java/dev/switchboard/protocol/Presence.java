package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code join} or {@code leave} event.
 *
 * @param room the room
 * @param member who joined or left
 * @param at when, epoch milliseconds (for a join: the member's {@code joinedAt})
 */
@JsonbPropertyOrder({"room", "member", "at"})
public record Presence(String room, Peer member, long at) {
}
