package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeenMessagesTest {

    private static String id(String node, long sequence) {
        return node + "-" + Long.toString(sequence, 36);
    }

    @Test
    void aCopyIsRecognisedHoweverMuchOtherNodesPublishedMeanwhile() {
        SeenMessages seen = new SeenMessages();
        assertEquals(SeenMessages.Verdict.NEW, seen.see(id("a", 7)));
        for (int i = 1; i <= 200_000; i++) {
            seen.see(id("b", i)); // a busy neighbour: the old single window of 10,000 ids would have lost a-7
        }
        assertEquals(SeenMessages.Verdict.SEEN, seen.see(id("a", 7)), "the re-send of a-7 is dropped");
    }

    @Test
    void lateOriginalsAndCopiesWithinThePublishersWindowAreToldApart() {
        SeenMessages seen = new SeenMessages();
        assertEquals(SeenMessages.Verdict.NEW, seen.see(id("a", 10)));
        assertEquals(SeenMessages.Verdict.NEW, seen.see(id("a", 12)));
        assertEquals(SeenMessages.Verdict.NEW, seen.see(id("a", 11)), "late, but never seen: delivered");
        assertEquals(SeenMessages.Verdict.SEEN, seen.see(id("a", 11)));
        assertEquals(SeenMessages.Verdict.SEEN, seen.see(id("a", 10)));
    }

    @Test
    void anEnvelopeOlderThanItsPublishersWindowIsDeliveredOnceAndSaidToBeAStraggler() {
        SeenMessages seen = new SeenMessages();
        seen.see(id("a", 1));
        seen.see(id("a", 1 + SeenMessages.WINDOW + 5));
        assertEquals(SeenMessages.Verdict.STRAGGLER, seen.see(id("a", 3)), "never seen, or seen too long ago to know");
        assertEquals(SeenMessages.Verdict.SEEN, seen.see(id("a", 3)), "its own copies are dropped");
        assertEquals(SeenMessages.Verdict.NEW, seen.see(id("a", 1 + SeenMessages.WINDOW + 4)), "inside the window: new");
    }

    @Test
    void idsOfAnotherShapeAreRememberedWhole() {
        SeenMessages seen = new SeenMessages();
        assertEquals(SeenMessages.Verdict.NEW, seen.see("plain"));
        assertEquals(SeenMessages.Verdict.SEEN, seen.see("plain"));
    }
}
