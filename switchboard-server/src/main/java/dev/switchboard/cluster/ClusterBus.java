package dev.switchboard.cluster;

import java.util.function.Consumer;

/**
 * Carries room traffic to the members of a room on every node, this one included. Each envelope
 * reaches each node's delivery exactly once, and the envelopes of one room in one order.
 */
public interface ClusterBus {

    /** Sends an envelope to every node, this one included. */
    void publish(Envelope envelope);

    /** Sets what this node does with an envelope that reaches it: local fan-out. */
    void deliverTo(Consumer<Envelope> delivery);

    /** What the bus is, and whether it can carry traffic now (for readiness). */
    Link link();

    /**
     * What to do when this node may have missed traffic — its subscription was made again after the link
     * broke, or its own messages stopped coming back for a while: nothing it holds can prove "no gap"
     * any more. A bus that cannot miss anything (the local one) never calls it.
     */
    default void onGap(Runnable listener) {
    }

    /**
     * A node died (it went silent; one that stopped said goodbye): what it was passing on may be lost, and this node's
     * bus sends again what it published and has not seen come back.
     */
    default void nodeLost(String nodeId) {
    }

    /**
     * The state of a bus.
     *
     * @param mode {@code jms} or {@code local}
     * @param up whether it is connected (a local bus always is)
     * @param detail what is wrong when it is not up, else {@code ""}
     */
    record Link(String mode, boolean up, String detail) {
    }
}
