package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(42));

    @Test
    void everyDelayLiesBetweenTheFloorAndTheDoubledCeiling() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long ceiling = Math.min(5000, 100L << Math.min(attempt - 1, 40));
            for (int i = 0; i < 200; i++) {
                long delay = backoff.delay(attempt).toMillis();
                assertTrue(delay >= 100 && delay <= ceiling, "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Test
    void theFirstRetryWaitsTheFloorAndLaterOnesSpreadUpToTheCap() {
        assertEquals(Duration.ofMillis(100), backoff.delay(1));
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            max = Math.max(max, backoff.delay(20).toMillis());
        }
        assertTrue(max > 4000, "full jitter reaches near the cap, got at most " + max);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), new Random(7));
        Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), new Random(7));
        for (int attempt = 1; attempt < 20; attempt++) {
            assertEquals(a.delay(attempt), b.delay(attempt));
        }
    }

    @Test
    void aFloorAboveTheCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
