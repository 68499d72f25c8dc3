package dev.switchboard.cluster;

import java.util.function.LongSupplier;

/**
 * Whether this node's link through the broker is whole, judged by its own envelopes coming back on the topic: every
 * node publishes a heartbeat each {@code switchboard.heartbeatMillis}, so a silence longer than
 * {@code switchboard.nodeTimeoutMillis} means a link that broke — unless a backlog explains it. The topic's receiver
 * was then busy all along (none of its receives came back empty or hung: {@link JmsReceiver#quietAt}), and the own
 * envelope that ends the silence is the next one in line: sent within two heartbeats of the previous one (by this node's
 * clock, both), as a heartbeat is sent every one. A backlog is no loss — the subscription's queue keeps what waits — and taking it
 * for one would forget every history and send every unconfirmed message again into the backlog that holds it up.
 *
 * <p>Called on the topic receiver's thread; {@link #silence} is read from any (readiness).
 */
final class RoundTrip {

    private final long timeoutMillis;
    private final long heartbeatMillis;
    /** When the topic's receiver was last quiet (epoch milliseconds, 0: never). */
    private final LongSupplier quietAt;
    /** When the last own envelope came back (epoch milliseconds). */
    private volatile long echoAt;
    /** When that one was sent (this node's clock; epoch milliseconds). */
    private long echoSentAt;
    /** A silence found to be a loss between messages, not yet ended by an echo. */
    private volatile boolean lost;

    RoundTrip(long timeoutMillis, long heartbeatMillis, LongSupplier quietAt, long nowMillis) {
        this.timeoutMillis = timeoutMillis;
        this.heartbeatMillis = heartbeatMillis;
        this.quietAt = quietAt;
        this.echoAt = nowMillis;
        this.echoSentAt = nowMillis;
    }

    /** Between messages: true once, when the silence becomes a loss (the node is not ready). */
    boolean lostBy(long nowMillis) {
        if (!lost && nowMillis - echoAt > timeoutMillis && !busySince(echoAt)) {
            lost = true;
            return true;
        }
        return false;
    }

    /**
     * An own envelope came back, sent at {@code sentAtMillis} by this node's clock: true when it ends a loss — found
     * between messages, or the silence it ends, when no backlog explains it (a receive that hung, a transparent
     * reconnect that threw nothing) — so that what went by meanwhile may be missing here.
     */
    boolean echo(long nowMillis, long sentAtMillis) {
        long previous = echoAt;
        long previousSentAt = echoSentAt;
        echoAt = nowMillis;
        echoSentAt = sentAtMillis;
        boolean late = busySince(previous) && sentAtMillis - previousSentAt <= 2 * heartbeatMillis;
        boolean ended = lost || (nowMillis - previous > timeoutMillis && !late);
        lost = false;
        return ended;
    }

    /** Whether own envelopes come back promptly — within two heartbeats: the node is not behind on the topic. */
    boolean prompt(long nowMillis) {
        return silence(nowMillis) <= 2 * heartbeatMillis;
    }

    /** How long since the last own envelope came back. */
    long silence(long nowMillis) {
        return nowMillis - echoAt;
    }

    /** Whether the receiver has had something to receive all along since then, give or take two heartbeats. */
    private boolean busySince(long sinceMillis) {
        return quietAt.getAsLong() - sinceMillis <= 2 * heartbeatMillis;
    }
}
