package dev.switchboard.cluster;

/**
 * Which node ordered each message group last, as the topic shows it: a room message's epoch names the node whose
 * sequencer consumer gave its position ({@link RoomSequences#nodeOf}). A group that moves to another node is a sign of
 * loss. The broker moves a group only when its consumer is gone — its node died, or the consumer was renewed — and what
 * that consumer had taken and not yet passed on went with it (a receive acknowledges). The move shows as soon as the new
 * consumer orders the group's first message: about 1.7 s after a kill on a WildFly HA cluster and 1.5–2.4 s on OpenMQ,
 * where the node timeout takes 6 s to find the dead node. The sign is the group's own ({@link #movedAt}): one failover
 * moves each of the dead node's groups once, and each move concerns only the messages of its group. Used by the topic's
 * receiver only.
 */
final class GroupOrderers {

    private final String[] orderers = new String[RoomSequences.GROUPS];
    /** When each group was last seen to move (this node's clock, epoch milliseconds; 0: never). */
    private final long[] movedAt = new long[RoomSequences.GROUPS];

    /**
     * Notes who ordered a message of the room in this epoch, seen at {@code nowMillis}: true when its group was last
     * ordered by another node (the move is then noted at that time).
     */
    boolean moved(String room, String epoch, long nowMillis) {
        int group = RoomSequences.groupIndex(room);
        String node = RoomSequences.nodeOf(epoch);
        String previous = orderers[group];
        orderers[group] = node;
        boolean moved = previous != null && !previous.equals(node);
        if (moved) {
            movedAt[group] = nowMillis;
        }
        return moved;
    }

    /** When the room's group was last seen to move to another node (0: never): a sign of loss for its messages. */
    long movedAt(String room) {
        return room == null ? 0 : movedAt[RoomSequences.groupIndex(room)];
    }
}
