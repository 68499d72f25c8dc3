package dev.switchboard.server;

import dev.switchboard.rooms.DrainAsked;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this node takes new connections. Draining — asked by an operator through
 * {@code POST /api/admin/drain} on the node, or {@code POST /api/admin/nodes/{node}/drain} on any, before a node is taken out — makes readiness fail, so that a load
 * balancer stops sending clients here, refuses new connections, and tells the open ones to reconnect
 * (to another node) with an {@code end} event. A drain lasts until the node restarts.
 *
 * <p>And whether it has started: every part's start-up at deployment has run (the application's {@code @Initialized}
 * event, observed here after every other observer), for {@code /health/started}.
 */
@ApplicationScoped
public class NodeStatus {

    /** The CDI event fired once when the node starts to drain; the connections observe it. */
    public record Draining() {
    }

    private final AtomicBoolean draining = new AtomicBoolean();
    /** When the application finished starting; null before. */
    private volatile Instant startedAt;

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

    /** An operator asked another node to drain this one ({@code POST /api/admin/nodes/{node}/drain}). */
    void asked(@ObservesAsync DrainAsked asked) {
        if (drain()) {
            System.getLogger(NodeStatus.class.getName()).log(System.Logger.Level.INFO,
                    "Draining: an operator asked through node {0}", asked.by());
        }
    }

    public boolean draining() {
        return draining.get();
    }

    /** The application has started: observed after the other parts' start-up (the highest priority runs last). */
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) @Initialized(ApplicationScoped.class) Object event) {
        startedAt = Instant.now();
    }

    /** When the application finished starting, or null while it starts. */
    public Instant startedAt() {
        return startedAt;
    }
}
