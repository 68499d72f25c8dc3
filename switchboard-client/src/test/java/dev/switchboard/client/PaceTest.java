package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The client's pace under the server's announced limits: 90% of the rate, half the burst; unlimited until told. */
class PaceTest {

    @Test
    void unlimitedUntilTheServerAnnouncesLimits() {
        Pace pace = new Pace();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, pace.take(0));
        }
    }

    @Test
    void halfTheBurstAtOnceThenNinetyPercentOfTheRate() {
        Pace pace = new Pace();
        pace.limit(10, 4, 0);
        assertEquals(0, pace.take(0));
        assertEquals(0, pace.take(0));
        long wait = pace.take(0);
        assertEquals(111_111_112, wait, 1, "a token every 1/9 s");
        assertEquals(wait, pace.take(0), "a refusal takes no token");
        assertTrue(pace.take(wait - 1_000) > 0);
        assertEquals(0, pace.take(wait));
        long sent = 0;
        for (long now = wait; now <= wait + 10_000_000_000L; now += 1_000_000) { // 10 s of asking every millisecond
            if (pace.take(now) == 0) {
                sent++;
            }
        }
        assertEquals(90, sent, 1, "9 a second, never the server's 10");
    }

    @Test
    void nonsenseLimitsAreIgnored() {
        Pace pace = new Pace();
        pace.limit(0, 5, 0);
        pace.limit(5, -1, 0);
        assertEquals(0, pace.take(0));
        assertEquals(0, pace.take(0));
        assertEquals(0, pace.take(0));
    }
}
