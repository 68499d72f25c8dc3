package dev.switchboard.client;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential back-off with full jitter between a floor and a cap: the n-th retry waits a random time
 * between {@code floor} and {@code min(cap, floor * 2^(n-1))}.
 */
public final class Backoff {

    private final long floorMillis;
    private final long capMillis;
    private final Random random;

    public Backoff(Duration floor, Duration cap, Random random) {
        if (floor.isNegative() || floor.isZero() || cap.compareTo(floor) < 0) {
            throw new IllegalArgumentException("expected 0 < floor <= cap, got floor " + floor + " and cap " + cap);
        }
        this.floorMillis = floor.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = capMillis;
        int doublings = Math.max(0, attempt - 1);
        if (doublings < 62 && floorMillis <= (capMillis >> Math.min(doublings, 62))) {
            ceiling = Math.min(capMillis, floorMillis << doublings);
        }
        long span = ceiling - floorMillis;
        long jitter = span <= 0 ? 0 : (long) (random.nextDouble() * (span + 1));
        return Duration.ofMillis(floorMillis + jitter);
    }
}
