package dev.switchboard.verbs;

import dev.switchboard.verbs.Caller.Admission;
import java.util.function.LongSupplier;

/**
 * A token bucket over one connection's inbound frames: {@code perSecond} on average, {@code burst} at
 * once. A frame without a token is refused; {@code closeAfter} refusals within {@value #WINDOW_SECONDS}
 * seconds mean flooding, and the connection is closed. Used by one thread at a time (the container
 * delivers a session's frames one after the other).
 */
public final class FrameBudget {

    public static final int WINDOW_SECONDS = 10;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private final int closeAfter;
    private final LongSupplier nanos;
    private double tokens;
    private long refilledAt;
    private long windowStart;
    private int refusedInWindow;

    public FrameBudget(int perSecond, int burst, int closeAfter, LongSupplier nanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.closeAfter = closeAfter;
        this.nanos = nanos;
        this.tokens = burst;
        this.refilledAt = nanos.getAsLong();
        this.windowStart = refilledAt;
    }

    public Admission take() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Admission.ADMIT;
        }
        if (now - windowStart > WINDOW_NANOS) {
            windowStart = now;
            refusedInWindow = 0;
        }
        return ++refusedInWindow >= closeAfter ? Admission.CLOSE : Admission.REFUSE;
    }
}
