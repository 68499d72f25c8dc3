package dev.switchboard.rooms;

/**
 * What a join did.
 *
 * @param joined false when the connection was a member already
 * @param membersCount the room's members on every node after the join
 * @param recovered with {@code since}: whether the messages after it were replayed; else {@code null}
 * @param reason why they were not, or {@code null}
 */
public record JoinOutcome(boolean joined, int membersCount, Boolean recovered, String reason) {

    static JoinOutcome of(boolean joined, int membersCount, History.Recovery recovery) {
        return recovery == null ? new JoinOutcome(joined, membersCount, null, null)
                : new JoinOutcome(joined, membersCount, recovery.recovered(), recovery.reason());
    }
}
