package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code join} or {@code leave} event.
 *
 * @param room the room
 * @param member who joined or left
 */
@JsonbPropertyOrder({"room", "member"})
public record Presence(String room, Peer member) {
}
