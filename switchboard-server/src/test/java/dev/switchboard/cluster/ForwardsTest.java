package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardsTest {

    private final Forwards forwards = new Forwards(4_000);

    @Test
    void aForwarderIsCountedFromTheFirstNumberSeenAndANumberThatSkipsIsALoss() {
        assertNull(forwards.forwarded("a.f1", 41, 0), "where this node starts counting: earlier ones are not its business");
        assertNull(forwards.forwarded("a.f1", 42, 1));
        assertEquals(new Forwards.Missed("a.f1", 43, 44), forwards.forwarded("a.f1", 45, 2), "43 and 44 were lost on the way");
        assertNull(forwards.forwarded("a.f1", 46, 3));
        assertNull(forwards.forwarded("a.f1", 44, 4), "a late or repeated one is no loss");
        assertNull(forwards.forwarded("b.f1", 7, 5), "each forwarder counts on its own");
    }

    @Test
    void aHeartbeatsClaimMetWithinTheGraceIsNoLoss() {
        forwards.forwarded("a.f1", 10, 0);
        forwards.claimed("a.f1", 12, 100); // the heartbeat overtook 11 and 12 (another connection)
        assertTrue(forwards.waiting("a.f1"));
        forwards.forwarded("a.f1", 11, 200);
        forwards.forwarded("a.f1", 12, 300);
        assertFalse(forwards.waiting("a.f1"));
        assertEquals(List.of(), forwards.unmet(10_000));
    }

    @Test
    void aClaimNotMetWithinTheGraceIsALossSaidOnce() {
        forwards.forwarded("a.f1", 10, 0);
        forwards.claimed("a.f1", 11, 1_000); // 11 was the last before a quiet spell, and the broker lost it
        assertEquals(List.of(), forwards.unmet(4_999), "within the grace it may only be late");
        assertEquals(List.of(new Forwards.Missed("a.f1", 11, 11)), forwards.unmet(5_000));
        assertEquals(List.of(), forwards.unmet(9_000), "said once; counting goes on from the claim");
        assertNull(forwards.forwarded("a.f1", 12, 9_500));
    }

    @Test
    void anOlderClaimFallsDueFirstAndAClaimOfWhatCameIsNone() {
        forwards.forwarded("a.f1", 10, 0);
        forwards.claimed("a.f1", 10, 0);
        assertFalse(forwards.waiting("a.f1"), "nothing claimed beyond what came");
        forwards.claimed("a.f1", 11, 1_000);
        forwards.claimed("a.f1", 13, 3_000);
        assertEquals(List.of(new Forwards.Missed("a.f1", 11, 11)), forwards.unmet(5_000), "due by the first claim, not pushed back by the next");
    }

    @Test
    void aForwarderFirstSeenInAHeartbeatStartsAtItsClaimAndOneLongSilentIsForgotten() {
        forwards.claimed("a.f1", 500, 0);
        assertFalse(forwards.waiting("a.f1"));
        assertNull(forwards.forwarded("a.f1", 501, 1));
        assertEquals(List.of(), forwards.unmet(Forwards.FORGET_AFTER_MILLIS + 2));
        assertNull(forwards.forwarded("a.f1", 900, Forwards.FORGET_AFTER_MILLIS + 3), "forgotten: counted anew");
    }
}
