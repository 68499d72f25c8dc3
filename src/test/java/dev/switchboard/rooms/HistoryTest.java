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
