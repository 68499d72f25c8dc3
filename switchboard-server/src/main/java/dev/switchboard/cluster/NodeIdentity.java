package dev.switchboard.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who this node is in the cluster: a random id drawn at every deployment, so that a restarted node is
 * never taken for its old self, and a source of message ids unique across the cluster.
 */
@ApplicationScoped
public class NodeIdentity {

    private final String nodeId;
    private final AtomicLong sequence = new AtomicLong();

    public NodeIdentity() {
        this(Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
    }

    public NodeIdentity(String nodeId) {
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    /** A new id, unique across the cluster: the node id and a per-node sequence number. */
    public String nextMessageId() {
        return nodeId + "-" + Long.toString(sequence.incrementAndGet(), 36);
    }
}
