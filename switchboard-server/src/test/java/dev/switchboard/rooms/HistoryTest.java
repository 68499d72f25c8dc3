package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.Position;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    private static History.Entry entry(String epoch, long offset, long at) {
        return new History.Entry(new Position(epoch, offset), epoch + offset, at);
    }

    @Test
    void recoveryReplaysWhatCameAfterThePositionAcrossAnEpochChange() {
        History history = new History(10, 0, "local");
        history.add(entry("a", 1, 0));
        history.add(entry("a", 2, 0));
        history.add(entry("b", 1, 0)); // the sequencer moved to another node
        history.add(entry("a", 3, 0)); // a message of the old one still in flight: the order is the topic's
        history.add(entry("b", 2, 0));
        History.Recovery recovery = history.after(new Position("a", 2), null);
        assertTrue(recovery.recovered());
        assertEquals(List.of("b1", "a3", "b2"), recovery.frames());
        assertEquals(List.of(), history.after(new Position("b", 2), null).frames(), "up to date: nothing to replay");
    }

    @Test
    void aMessageThatCameAfterLaterOnesOfItsEpochIsNeverPassedOverInSilence() {
        // a3 and a4 came before a2, which was lost on its way here and sent again (a forward after a broker's switch)
        History history = new History(10, 0, "local");
        history.add(entry("a", 1, 0));
        history.add(entry("a", 3, 0));
        history.add(entry("a", 4, 0));
        history.add(entry("a", 2, 0));
        history.add(entry("a", 5, 0));
        History.Recovery afterTheLateOne = history.after(new Position("a", 2), null);
        assertFalse(afterTheLateOne.recovered(), "a3 and a4 sit before a2 here: the client may have missed them");
        assertEquals(List.of("a3", "a4", "a5"), afterTheLateOne.frames());
        assertTrue(afterTheLateOne.reason().contains("out of their order"), afterTheLateOne.reason());
        History.Recovery afterA3 = history.after(new Position("a", 3), null);
        assertFalse(afterA3.recovered(), "a client that was here had not had a2 yet; one that was on another node had");
        assertEquals(List.of("a4", "a2", "a5"), afterA3.frames(), "what came after a3 here, each once");
        History.Recovery afterA4 = history.after(new Position("a", 4), null);
        assertFalse(afterA4.recovered(), "whether the client had a2 cannot be told");
        assertEquals(List.of("a2", "a5"), afterA4.frames());
        assertTrue(history.after(new Position("a", 5), null).recovered(), "after the newest, in order: nothing missed");
        History fresh = new History(10, 0, "local"); // the same after a gap made this node forget what it had
        fresh.add(entry("a", 3, 0));
        fresh.add(entry("a", 4, 0));
        fresh.add(entry("a", 2, 0));
        History.Recovery forgotten = fresh.after(new Position("a", 2), null);
        assertFalse(forgotten.recovered());
        assertEquals(List.of("a3", "a4"), forgotten.frames());
    }

    @Test
    void aPositionOlderThanTheHistoryOrOfAnUnknownEpochIsNotRecovered() {
        History history = new History(3, 0, "local");
        for (int i = 1; i <= 5; i++) {
            history.add(entry("a", i, 0));
        }
        History.Recovery old = history.after(new Position("a", 1), null);
        assertFalse(old.recovered());
        assertEquals("the position is older than the room's history", old.reason());
        assertTrue(history.after(new Position("a", 2), null).recovered(), "a2 was the last one dropped: nothing missed");
        assertEquals(List.of("a3", "a4", "a5"), history.after(new Position("a", 2), null).frames());
        History fresh = new History(3, 0, "local");
        fresh.add(entry("b", 1, 0));
        History.Recovery unknown = fresh.after(new Position("zz", 9), null);
        assertFalse(unknown.recovered());
        assertTrue(unknown.reason().contains("epoch changed"), unknown.reason());
        assertEquals(List.of("b1"), unknown.frames(), "what came after a restart is new to the client: replayed, flagged");
        assertEquals(List.of(), old.frames(), "a position older than the history replays nothing");
    }

    @Test
    void afterARestartTheLastPositionBeforeItRecoversEverythingSince() {
        History history = new History(10, 0, "local");
        history.add(entry("new", 1, 0));
        history.add(entry("new", 2, 0));
        Position lastBeforeRestart = new Position("old", 17);
        assertEquals(List.of("new1", "new2"), history.after(lastBeforeRestart, lastBeforeRestart).frames());
        assertFalse(history.after(new Position("old", 16), lastBeforeRestart).recovered(),
                "a client that had not seen the last message before the restart missed something");
    }

    @Test
    void aPositionAheadOfWhatThisNodeHasSeenIsNotRecovered() {
        History history = new History(10, 0, "local");
        history.add(entry("a", 1, 0));
        history.add(entry("a", 2, 0));
        History.Recovery ahead = history.after(new Position("a", 1002), null);
        assertFalse(ahead.recovered());
        assertEquals(List.of(), ahead.frames());
        assertTrue(ahead.reason().contains("ahead"), ahead.reason());
        assertFalse(history.after(new Position("a", 3), null).recovered(), "one beyond the newest is unseen too");
        assertTrue(history.after(new Position("a", 2), null).recovered(), "the newest itself is up to date");
        History keepsNothing = new History(0, 0, "local");
        keepsNothing.add(entry("b", 5, 0));
        assertTrue(keepsNothing.after(new Position("b", 6), null).reason().contains("ahead"),
                "what was seen counts even when nothing is kept");
    }

    @Test
    void theLastPositionsOfARunSpeakOnlyForTheNextStartNotForOnesAfterACrash(@TempDir Path directory) {
        Path state = directory.resolve("state.json");
        Histories run0 = new Histories("n0", List.of(), new Histories.Bound(null, 100, 0), 1_000_000, state);
        History room0 = run0.of("r");
        run0.add(room0, entry("e0", 2, 0));
        run0.save(); // a clean stop
        Histories run1 = new Histories("n1", List.of(), new Histories.Bound(null, 100, 0), 1_000_000, state);
        assertEquals(new Position("e0", 2), run1.predecessor("r"));
        run1.add(run1.of("r"), entry("e1", 5, 0)); // run 1 goes on, then dies without saving
        assertFalse(java.nio.file.Files.exists(state), "read once, then gone");
        Histories run2 = new Histories("n2", List.of(), new Histories.Bound(null, 100, 0), 1_000_000, state);
        assertEquals(null, run2.predecessor("r"), "run 0's last position says nothing of what run 1 did");
    }

    @Test
    void aRecoveryAcrossASkipInTheRoomsPositionsIsNotSaidToBeComplete() {
        History history = new History(10, 0, "local");
        history.add(entry("e", 1, 0));
        history.add(entry("e", 2, 0));
        history.add(entry("e", 5, 0)); // 3 and 4 never reached this node
        history.add(entry("e", 6, 0));
        History.Recovery across = history.after(new Position("e", 1), null);
        assertFalse(across.recovered(), across.reason());
        assertEquals(List.of("e2", "e5", "e6"), across.frames(), "what it has still comes, once");
        assertTrue(history.after(new Position("e", 5), null).recovered(), "after the skip, all is here");
    }

    @Test
    void theOffsetOfARepeatThatWasDroppedIsNoSkipAndItsKeyIsKnownWhileItsMessageIsKept() {
        History history = new History(2, 0, "local");
        history.add(new History.Entry(new Position("e", 1), "e1", 0, "app:k1", "m1"));
        assertEquals("m1", history.original("app:k1").messageId());
        history.passed(new Position("e", 2)); // the sequencer stamped a repeat of k1, which every node dropped
        history.add(entry("e", 3, 0));
        History.Recovery across = history.after(new Position("e", 1), null);
        assertTrue(across.recovered(), across.reason());
        assertEquals(List.of("e3"), across.frames());
        history.add(entry("e", 4, 0));
        assertEquals(null, history.original("app:k1"), "evicted with its message");
    }

    @Test
    void afterAGapInTheClusterLinkNoEarlierPositionIsProvedGapFree() {
        Histories histories = new Histories("n", List.of(), new Histories.Bound(null, 100, 0), 1_000_000, null);
        History room = histories.of("r");
        histories.add(room, entry("e", 1, 0));
        histories.add(room, entry("e", 2, 0));
        assertTrue(histories.of("r").after(new Position("e", 1), null).recovered());
        histories.forgetAll(); // the topic subscription was made again: what went by meanwhile is lost here
        assertTrue(room.retired());
        assertEquals(0, histories.chars());
        History after = histories.of("r");
        after.add(entry("e", 5, 0));
        History.Recovery recovery = after.after(new Position("e", 1), null);
        assertFalse(recovery.recovered(), "e3 and e4 may have gone by while the link was down");
    }

    @Test
    void afterAGapTheKeysOfTheForgottenMessagesAreStillKnownUntilTheBoundMakesWayForNewOnes() {
        Histories histories = new Histories("n", List.of(), new Histories.Bound(null, 2, 0), 1_000_000, null);
        History room = histories.of("r");
        histories.add(room, new History.Entry(new Position("e", 1), "e1", 0, "app:k1", "m1"));
        histories.add(room, new History.Entry(new Position("e", 2), "e2", 0, "app:k2", "m2"));
        histories.forgetAll();
        History after = histories.of("r");
        assertEquals("m1", after.original("app:k1").messageId(), "a repeat of k1 is still a repeat");
        assertEquals(List.of(), after.recent(10), "but nothing is replayed from it");
        assertFalse(after.after(new Position("e", 1), null).recovered());
        histories.add(after, entry("f", 1, 0));
        assertEquals(null, after.original("app:k1"), "made way for the new message: two in all");
        assertEquals("m2", after.original("app:k2").messageId());
        assertEquals("", after.original("app:k2").frame(), "kept without its frame: outside the node's bound of characters");
    }

    @Test
    void inheritedKeysOutliveASweepOfTheEmptyHistoryUntilTheyExpire() {
        Histories histories = new Histories("n", List.of(), new Histories.Bound(null, 100, 0), 1_000_000, null);
        History room = histories.of("r");
        histories.add(room, new History.Entry(new Position("e", 1), "e1", 0, "app:k1", "m1"));
        histories.forgetAll();
        histories.sweep(1_000, name -> false); // no member here: an empty history of an unused room goes, but not its keys
        assertEquals("m1", histories.of("r").original("app:k1").messageId());
        histories.sweep(History.INHERITED_MILLIS + 1, name -> false);
        assertEquals(null, histories.of("r").original("app:k1"), "expired with no age bound of the room's own");
    }

    @Test
    void theAgeBoundDropsOldMessages() {
        History history = new History(10, 1000, "local");
        history.add(entry("a", 1, 0));
        history.add(entry("a", 2, 500));
        history.add(entry("a", 3, 1400));
        assertEquals(List.of("a2", "a3"), history.recent(10));
        assertEquals(List.of("a3"), history.recent(1));
    }

    @Test
    void theNodesTotalBoundDropsTheOldestOfTheRoomBeingWritten(@TempDir Path directory) throws IOException {
        Histories histories = new Histories("n", List.of(), new Histories.Bound(null, 100, 0), 10, directory.resolve("state.json"));
        History room = histories.of("r");
        for (int i = 1; i <= 6; i++) {
            histories.add(room, entry("e", i, 0)); // 2 characters each
        }
        assertEquals(10, histories.chars());
        assertEquals(5, room.size());
        histories.save();
        Histories restarted = new Histories("n", List.of(), new Histories.Bound(null, 100, 0), 10, directory.resolve("state.json"));
        assertEquals(new Position("e", 6), restarted.predecessor("r"));
    }

    @Test
    void rulesPickTheBoundsByRoomName() {
        List<Histories.Bound> rules = Histories.parseRules("support-.*=1000/3600; ticker-.*=0/0");
        Histories histories = new Histories("n", rules, new Histories.Bound(null, 5, 0), 1_000_000, null);
        History ticker = histories.of("ticker-eur");
        histories.add(ticker, entry("e", 1, 0));
        assertEquals(0, ticker.size(), "a room whose rule keeps nothing");
        assertThrows(IllegalArgumentException.class, () -> Histories.parseRules("no-bounds"));
        assertThrows(IllegalArgumentException.class, () -> Histories.parseRules("x=many/1"));
    }

    @Test
    void aSweepForgetsEmptyHistoriesOfUnusedRoomsAndANewOneNeverRepeatsAPosition() {
        Histories histories = new Histories("n", List.of(), new Histories.Bound(null, 10, 1), 1_000_000, null);
        History old = histories.of("r");
        Position first;
        synchronized (old) {
            first = old.nextLocalPosition();
            histories.add(old, new History.Entry(first, "x", 0));
        }
        histories.sweep(5_000, room -> false); // past its age: empty, and nobody is in the room here
        assertTrue(old.retired());
        assertEquals(0, histories.chars());
        History fresh = histories.of("r");
        synchronized (fresh) {
            Position next = fresh.nextLocalPosition();
            assertFalse(next.equals(first), next + " repeats " + first);
        }
        histories.sweep(5_000, room -> true);
        assertFalse(fresh.retired(), "a room in use keeps its history");
    }
}
