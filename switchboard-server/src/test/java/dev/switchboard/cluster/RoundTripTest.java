package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoundTripTest {

    private static final long TIMEOUT = 6_000;
    private static final long HEARTBEAT = 2_000;

    /** When the topic's receiver was last quiet, as the test says. */
    private long quietAt;
    private final RoundTrip roundTrip = new RoundTrip(TIMEOUT, HEARTBEAT, () -> quietAt, 0);

    @Test
    void aSilenceWhileTheReceiverFindsNothingIsALossOnceAndTheNextEchoEndsIt() {
        quietAt = 7_000; // receives came back empty: nothing was in front of the node's heartbeats
        assertFalse(roundTrip.lostBy(5_000), "within the timeout");
        assertTrue(roundTrip.lostBy(7_000));
        assertFalse(roundTrip.lostBy(8_000), "said once");
        assertEquals(8_000, roundTrip.silence(8_000));
        assertFalse(roundTrip.prompt(8_000), "behind or cut off: another node's silence cannot be judged now");
        assertTrue(roundTrip.prompt(4_000));
        assertTrue(roundTrip.echo(9_000, 8_900), "the echo after it: what went by meanwhile may be missing");
        assertFalse(roundTrip.echo(10_000, 9_900));
    }

    @Test
    void aSilenceThatABacklogExplainsIsNoLoss() {
        quietAt = 500; // busy since just after the last echo (at 0): every receive brought a message
        assertFalse(roundTrip.lostBy(20_000), "behind, not cut off");
        // the echo that ends it is the heartbeat sent right after the last one came back: next in line
        assertFalse(roundTrip.echo(25_000, 1_900));
    }

    @Test
    void anEchoSentLongAfterTheSilenceBeganIsALossEvenWhenTheReceiverWasBusy() {
        quietAt = 500;
        // the heartbeats sent between never came: a subscription made again behind the node's back
        assertTrue(roundTrip.echo(25_000, 24_900));
    }

    @Test
    void aReceiveThatHungIsNoBacklog() {
        quietAt = 25_000; // the receive that returned this echo had hung far past its timeout
        assertTrue(roundTrip.echo(25_000, 1_900));
    }
}
