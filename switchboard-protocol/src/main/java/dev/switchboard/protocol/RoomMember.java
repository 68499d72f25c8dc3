package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One member in a {@code roomView} reply.
 *
 * @param id the connection id
 * @param user the authenticated user or {@code null}
 * @param joinedAt when it joined, epoch milliseconds
 */
@JsonbPropertyOrder({"id", "user", "joinedAt"})
public record RoomMember(String id, String user, long joinedAt) {
}
