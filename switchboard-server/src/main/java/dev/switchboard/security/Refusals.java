package dev.switchboard.security;

import dev.switchboard.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the node refused or cut off since it started, by kind: for the log, tests and metrics. Counting
 * is one atomic add; nothing here blocks.
 */
@ApplicationScoped
public class Refusals {

    /** A kind of refusal. */
    public enum Kind {
        /** A handshake from a browser origin that is not allowed. */
        ORIGIN(false),
        /** A connection over the cap of its remote address. */
        ADDRESS_CAP(false),
        /** A frame over the connection's rate. */
        RATE_LIMITED(false),
        /** A connection closed for sustained flooding. */
        FLOODING(true),
        /** A connection that did not read fast enough, evicted at its queue's bound. */
        SLOW_CONSUMER(true),
        /** A connection that did not answer a ping in time. */
        PING_TIMEOUT(true),
        /** A failed {@code auth}. */
        AUTH_FAILED(false);

        private final boolean eviction;

        Kind(boolean eviction) {
            this.eviction = eviction;
        }

        /** Whether the node cut an open connection off (an eviction), rather than refusing a handshake or a frame. */
        public boolean eviction() {
            return eviction;
        }
    }

    private final AtomicLongArray counts = new AtomicLongArray(Kind.values().length);

    /** Each kind becomes a series of {@code switchboard_refusals_total}, tagged {@code kind}. */
    @Inject
    void meters(Meters meters) {
        for (Kind kind : Kind.values()) {
            meters.counter("switchboard.refusals", "What the node refused or cut off, by kind", "kind",
                    kind.name().toLowerCase(Locale.ROOT), counts, all -> all.get(kind.ordinal()));
        }
    }

    public void count(Kind kind) {
        counts.incrementAndGet(kind.ordinal());
    }

    /** Every count now. */
    public Map<Kind, Long> snapshot() {
        Map<Kind, Long> snapshot = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            snapshot.put(kind, counts.get(kind.ordinal()));
        }
        return snapshot;
    }
}
