package dev.switchboard.cluster;

/**
 * Which node ordered each message group last, as the topic shows it: a room message's epoch names the node whose
 * sequencer consumer gave its position ({@link RoomSequences#nodeOf}). A group that moves to another node is a sign of
 * loss. The broker moves a group only when its consumer is gone — its node died, or the consumer was renewed — and what
 * that consumer had taken and not yet passed on went with it (a receive acknowledges). The move shows as soon as the new
 * consumer orders the group's first message: about 1.7 s after a kill on a WildFly HA cluster and 1.5–2.4 s on OpenMQ,
 * where the node timeout takes 6 s to find the dead node. Used by the topic's receiver only.
 */
final class GroupOrderers {

    private final String[] orderers = new String[RoomSequences.GROUPS];

    /** Notes who ordered a message of the room in this epoch: true when its group was last ordered by another node. */
    boolean moved(String room, String epoch) {
        int group = RoomSequences.groupIndex(room);
        String node = RoomSequences.nodeOf(epoch);
        String previous = orderers[group];
        orderers[group] = node;
        return previous != null && !previous.equals(node);
    }
}
