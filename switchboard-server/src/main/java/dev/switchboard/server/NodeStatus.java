package dev.switchboard.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node takes new connections. Draining — asked by an operator through
 * {@code POST /api/admin/drain}, before a node is taken out — makes readiness fail, so that a load
 * balancer stops sending clients here, refuses new connections, and tells the open ones to reconnect
 * (to another node) with an {@code end} event. A drain lasts until the node restarts.
 */
@ApplicationScoped
public class NodeStatus {

    /** The CDI event fired once when the node starts to drain; the connections observe it. */
    public record Draining() {
    }

    private final AtomicBoolean draining = new AtomicBoolean();

    @Inject
    Event<Draining> drainingEvent;

    /** Starts draining; false when it drains already. */
    public boolean drain() {
        if (!draining.compareAndSet(false, true)) {
            return false;
        }
        drainingEvent.fire(new Draining());
        return true;
    }

    public boolean draining() {
        return draining.get();
    }
}
