package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardOrderTest {

    private final ForwardOrder<String> order = new ForwardOrder<>(6_000, 100, 5, 1_000, String::length);
    private final List<String> delivered = new ArrayList<>();

    private void offer(String forwarder, long number, long now) {
        order.offer(forwarder, number, false, forwarder + number, now, delivered::add);
    }

    /** A forward its forwarder's node sent again to this node, which had asked for it. */
    private void again(String forwarder, long number, long now) {
        order.offer(forwarder, number, true, forwarder + number, now, delivered::add);
    }

    @Test
    void forwardsInOrderWaitForNothingAndTheFirstOfAForwarderStartsItsCount() {
        offer("a.f", 41, 0);
        offer("a.f", 42, 0);
        offer("b.f", 7, 0);
        offer("a.f", 43, 0);
        assertEquals(List.of("a.f41", "a.f42", "b.f7", "a.f43"), delivered);
        assertFalse(order.holding());
    }

    @Test
    void whatCameAfterALossWaitsForItThenGoesOnInTheOrderItCame() {
        offer("a.f", 1, 0);
        offer("a.f", 4, 10); // 2 and 3 lost on the way
        offer("b.f", 1, 20);
        offer("a.f", 5, 30);
        assertEquals(List.of("a.f1"), delivered);
        assertTrue(order.holding());
        assertEquals(List.of("a.f 2-3"), order.gaps());
        again("a.f", 2, 40);
        assertEquals(List.of("a.f1"), delivered, "a filler waits in its place while its gap is still open");
        offer("a.f", 3, 50);
        assertEquals(List.of("a.f1", "a.f2", "a.f3", "a.f4", "b.f1", "a.f5"), delivered);
        assertFalse(order.holding());
        assertEquals(0, order.waiting());
        offer("a.f", 3, 60);
        assertEquals("a.f3", delivered.get(delivered.size() - 1), "a copy of one delivered goes on (the bus drops it by id)");
    }

    @Test
    void aFillerNeverOvertakesAnEarlierForwardOfItsForwarderThatWaitsForAnotherGap() {
        offer("y.f", 5, 0);
        offer("x.f", 9, 0);
        offer("y.f", 7, 0); // y6 lost
        offer("x.f", 10, 0); // waits behind y's gap
        offer("x.f", 12, 0); // x11 lost
        again("x.f", 11, 0);
        assertEquals(List.of("y.f5", "x.f9"), delivered);
        again("y.f", 6, 0);
        assertEquals(List.of("y.f5", "x.f9", "y.f6", "y.f7", "x.f10", "x.f11", "x.f12"), delivered);
    }

    @Test
    void aForwardSentAgainNeverStartsACountNorOpensAGap() {
        again("a.f", 40, 0); // its count was forgotten (its node was taken for lost), then a copy came
        offer("a.f", 50, 0);
        offer("a.f", 51, 0);
        assertEquals(List.of("a.f40", "a.f50", "a.f51"), delivered);
        assertFalse(order.holding());
        offer("a.f", 53, 0);
        again("a.f", 60, 0); // not asked for: no gap of its own, it waits as everything does
        assertEquals(List.of("a.f40", "a.f50", "a.f51"), delivered);
        assertEquals(List.of("a.f 52-52"), order.gaps());
        again("a.f", 52, 0);
        assertEquals(List.of("a.f40", "a.f50", "a.f51", "a.f52", "a.f53", "a.f60"), delivered);
    }

    @Test
    void aSkipWiderThanWhatIsKeptWaitsOnlyForTheKeptPartAndTheOldestOpenGapIsTimed() {
        offer("a.f", 1, 0);
        offer("a.f", 1_002, 1_000); // 2 to 1,001 lost: only the last 100 can come again
        assertEquals(List.of("a.f 902-1001"), order.gaps());
        offer("b.f", 1, 2_000);
        offer("b.f", 3, 5_000); // b2 lost, later
        for (long number = 902; number <= 1_001; number++) {
            again("a.f", number, 6_000);
        }
        order.due(7_000, delivered::add);
        assertTrue(order.holding(), "b's gap opened at 5,000: not due before 11,000");
        order.due(11_000, delivered::add);
        assertFalse(order.holding());
        assertEquals("b.f3", delivered.get(delivered.size() - 1));
    }

    @Test
    void aGapOpenForTheHoldTimeIsGivenUpAndWhatComesLaterIsDeliveredLate() {
        offer("a.f", 1, 0);
        offer("a.f", 3, 1_000);
        offer("b.f", 9, 2_000);
        order.due(6_999, delivered::add);
        assertEquals(List.of("a.f1"), delivered, "not yet");
        order.due(7_000, delivered::add);
        assertEquals(List.of("a.f1", "a.f3", "b.f9"), delivered);
        assertFalse(order.holding());
        offer("a.f", 2, 8_000);
        offer("a.f", 4, 8_000);
        assertEquals(List.of("a.f1", "a.f3", "b.f9", "a.f2", "a.f4"), delivered);
    }

    @Test
    void aLostNodesGapsAreGivenUpAndAnothersStillHold() {
        offer("a.f", 1, 0);
        offer("b.f", 1, 0);
        offer("a.f", 3, 0);
        offer("b.f", 3, 0);
        order.lost("a", delivered::add);
        assertTrue(order.holding(), "b's gap stays");
        assertEquals(List.of("a.f1", "b.f1"), delivered);
        order.lost("b", delivered::add);
        assertEquals(List.of("a.f1", "b.f1", "a.f3", "b.f3"), delivered);
    }

    @Test
    void tooManyCharactersWaitingGiveTheGapsUp() {
        ForwardOrder<String> small = new ForwardOrder<>(6_000, 100, 1_000, 10, String::length);
        small.offer("a.f", 1, false, "x", 0, delivered::add);
        small.offer("a.f", 3, false, "abcdef", 0, delivered::add);
        assertEquals(List.of("x"), delivered);
        small.offer("a.f", 4, false, "ghijk", 0, delivered::add);
        assertEquals(List.of("x", "abcdef", "ghijk"), delivered, "11 characters waited: more than 10");
    }

    @Test
    void tooManyWaitingGiveTheGapsUp() {
        offer("a.f", 1, 0);
        for (long number = 3; number <= 7; number++) {
            offer("a.f", number, 0);
        }
        assertEquals(List.of("a.f1"), delivered, "five may wait");
        offer("a.f", 8, 0);
        assertEquals(List.of("a.f1", "a.f3", "a.f4", "a.f5", "a.f6", "a.f7", "a.f8"), delivered);
        assertFalse(order.holding());
    }
}
