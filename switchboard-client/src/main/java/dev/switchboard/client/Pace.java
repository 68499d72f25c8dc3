package dev.switchboard.client;

/**
 * How fast a link may send: a token bucket under the limits the server announced in {@code welcome}, so that a burst
 * of calls waits in the client instead of being refused ({@code RATE_LIMITED}) or closing the connection. It keeps a
 * margin — 90% of the average rate, half the burst — for frames the network bunches on their way. Unlimited until the
 * server announces limits. Used by the link's one drain task at a time; the limits are set from the receiving thread.
 */
final class Pace {

    private double perNano;
    private double burst;
    private double tokens;
    private long refilledAt;
    private boolean limited;

    /** The server's limits: {@code framesPerSecond} on average, {@code burst} at once. */
    synchronized void limit(int framesPerSecond, int serverBurst, long now) {
        if (framesPerSecond <= 0 || serverBurst <= 0) {
            return;
        }
        perNano = framesPerSecond * 0.9 / 1e9;
        burst = Math.max(1, serverBurst / 2);
        tokens = burst;
        refilledAt = now;
        limited = true;
    }

    /** Takes a token and answers 0, or answers how many nanoseconds until there is one (and takes none). */
    synchronized long take(long now) {
        if (!limited) {
            return 0;
        }
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
