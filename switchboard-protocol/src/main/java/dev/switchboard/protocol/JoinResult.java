package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of a {@code roomAdd}, {@code listenToRoom} or {@code roomChange} reply.
 *
 * @param room the room
 * @param joined false when the connection was a member already (joining twice changes nothing)
 * @param membersCount the room's members after the join
 */
@JsonbPropertyOrder({"room", "joined", "membersCount", "recovered", "reason"})
public record JoinResult(String room, boolean joined, int membersCount, Boolean recovered, String reason) {

    /** A join without {@code since}. */
    public JoinResult(String room, boolean joined, int membersCount) {
        this(room, joined, membersCount, null, null);
    }
}
