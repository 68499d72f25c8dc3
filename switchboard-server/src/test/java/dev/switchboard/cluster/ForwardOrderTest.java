package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardOrderTest {

    private final ForwardOrder<String> order = new ForwardOrder<>(6_000, 5);
    private final List<String> delivered = new ArrayList<>();

    private void offer(String forwarder, long number, long now) {
        order.offer(forwarder, number, forwarder + number, now, delivered::add);
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
        offer("a.f", 2, 40);
        assertEquals(List.of("a.f1", "a.f2"), delivered, "a filler goes at once, in its place");
        offer("a.f", 3, 50);
        assertEquals(List.of("a.f1", "a.f2", "a.f3", "a.f4", "b.f1", "a.f5"), delivered);
        assertFalse(order.holding());
        assertEquals(0, order.waiting());
        offer("a.f", 3, 60);
        assertEquals("a.f3", delivered.get(delivered.size() - 1), "a copy of one delivered goes on (the bus drops it by id)");
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
