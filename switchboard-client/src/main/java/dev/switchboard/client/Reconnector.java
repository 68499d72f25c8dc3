package dev.switchboard.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Where and when to connect next: a random start address, the next one on every failure, an exponential
 * back-off with full jitter between attempts (or the wait the server's {@code end} asked for), and giving up
 * after {@code maxAttempts} in a row. Not thread-safe: runs under the client's lock.
 */
final class Reconnector {

    /** The next attempt: wait this long, then connect there. */
    record Attempt(Duration delay, URI address) {
    }

    private final List<URI> addresses;
    private final Backoff backoff;
    private final int maxAttempts;
    private int index;
    private int attempts;
    private long retryAfterMillis = -1;

    Reconnector(List<URI> addresses, Backoff backoff, int maxAttempts, Random random) {
        this.addresses = addresses;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.index = random.nextInt(addresses.size());
    }

    URI first() {
        return addresses.get(index);
    }

    /** Connected: the back-off starts over. */
    void succeeded() {
        attempts = 0;
    }

    /** The server's {@code end} named how long to wait before the next attempt (-1: the back-off decides). */
    void retryAfter(long millis) {
        retryAfterMillis = millis;
    }

    /** After a lost link: the next attempt, or {@code null} when the attempts are used up. */
    Attempt next() {
        attempts++;
        if (maxAttempts > 0 && attempts > maxAttempts) {
            return null;
        }
        Duration delay = retryAfterMillis >= 0 ? Duration.ofMillis(retryAfterMillis) : backoff.delay(attempts);
        retryAfterMillis = -1;
        index = (index + 1) % addresses.size();
        return new Attempt(delay, addresses.get(index));
    }

    int maxAttempts() {
        return maxAttempts;
    }
}
