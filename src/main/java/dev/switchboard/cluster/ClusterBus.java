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
}
