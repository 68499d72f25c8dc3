package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Position;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key journal: what it keeps is read back by the next process (a mapping of the same file, without a close — as
 * after a {@code kill -9}), a slot written halfway is skipped, the ring keeps the newest; and a registry on a restarted
 * node answers a repeat of a key delivered before the restart with the original.
 */
class KeyJournalTest {

    @TempDir
    Path dir;

    @Test
    void whatIsKeptIsReadByTheNextProcessWithoutAClose() {
        Path file = dir.resolve("keys.journal");
        KeyJournal before = KeyJournal.open(file, 64);
        before.keep("lobby", "say:3:ann:k1", "m1", new Position("n1.1", 7), 1000L);
        before.keep("lobby", "say:3:ann:k2", "m2", new Position("n1.1", 8), 1001L);
        before.keep("other", "say:3:ann:k1", "m3", new Position("n1.2", 1), 1002L);
        KeyJournal after = KeyJournal.open(file, 64); // the first is never closed: a crash
        KeyJournal.Kept kept = after.restored("lobby", "say:3:ann:k1");
        assertNotNull(kept);
        assertEquals("m1", kept.messageId());
        assertEquals(new Position("n1.1", 7), kept.position());
        assertEquals(1000L, kept.sentAt());
        assertEquals("m3", after.restored("other", "say:3:ann:k1").messageId(), "keys are per room");
        assertNull(after.restored("lobby", "say:3:ann:k3"));
        after.close();
        before.close();
    }

    @Test
    void aSlotWrittenHalfwayIsSkipped() throws Exception {
        Path file = dir.resolve("torn.journal");
        try (KeyJournal journal = KeyJournal.open(file, 16)) {
            journal.keep("lobby", "k1", "m1", new Position("e", 1), 1L);
            journal.keep("lobby", "k2", "m2", new Position("e", 2), 2L);
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(2L * KeyJournal.SLOT + 20); // inside the record of the second key (sequence 2, slot 2)
            raw.write("garbage".getBytes());
        }
        try (KeyJournal journal = KeyJournal.open(file, 16)) {
            assertNotNull(journal.restored("lobby", "k1"));
            assertNull(journal.restored("lobby", "k2"), "its check fails: never trusted");
        }
    }

    @Test
    void theRingKeepsTheNewest() {
        Path file = dir.resolve("ring.journal");
        try (KeyJournal journal = KeyJournal.open(file, 16)) {
            for (int i = 1; i <= 20; i++) {
                journal.keep("lobby", "k" + i, "m" + i, new Position("e", i), i);
            }
        }
        try (KeyJournal journal = KeyJournal.open(file, 16)) {
            for (int i = 1; i <= 4; i++) {
                assertNull(journal.restored("lobby", "k" + i), "overwritten: k" + i);
            }
            for (int i = 5; i <= 20; i++) {
                assertEquals("m" + i, journal.restored("lobby", "k" + i).messageId());
            }
            journal.keep("lobby", "k21", "m21", new Position("e", 21), 21);
        }
        try (KeyJournal journal = KeyJournal.open(file, 16)) {
            assertEquals("m21", journal.restored("lobby", "k21").messageId(), "the sequence goes on after a restart");
            assertNull(journal.restored("lobby", "k5"));
        }
    }

    @Test
    void aRepeatAfterARestartOfTheNodeIsAnsweredWithTheOriginal() throws Exception {
        Settings settings = Settings.of(Map.of("switchboard.history.keysFile", dir.resolve("node.journal").toString()));
        FrameCodec codec = new FrameCodec();
        RoomRegistry first = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC(),
                RoomRegistry.NO_CONNECTIONS, settings);
        String frame = "{\"type\":\"event\",\"event\":\"say\",\"data\":{\"room\":\"lobby\",\"messageId\":\"%s\",\"sentAt\":%d}}";
        Published original = first.publish(new RoomName("lobby"), frame.formatted("m1", 123), "m1", "say:3:ann:k1")
                .get(5, TimeUnit.SECONDS);
        assertFalse(original.repeated());
        // the node dies without a word and starts again: a new registry, empty histories, the same file
        RoomRegistry second = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC(),
                RoomRegistry.NO_CONNECTIONS, settings);
        Published repeat = second.publish(new RoomName("lobby"), frame.formatted("m2", 456), "m2", "say:3:ann:k1")
                .get(5, TimeUnit.SECONDS);
        assertTrue(repeat.repeated());
        assertEquals("m1", repeat.messageId());
        assertEquals(original.position(), repeat.position());
        assertEquals(123, repeat.sentAt());
        Published fresh = second.publish(new RoomName("lobby"), frame.formatted("m3", 789), "m3", "say:3:ann:k2")
                .get(5, TimeUnit.SECONDS);
        assertFalse(fresh.repeated(), "a key it never saw is new");
        second.stop(); // a clean stop (a redeployment, a shutdown): the next start begins with no keys, as its histories do
        RoomRegistry third = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC(),
                RoomRegistry.NO_CONNECTIONS, settings);
        assertFalse(third.publish(new RoomName("lobby"), frame.formatted("m4", 1), "m4", "say:3:ann:k1").get(5, TimeUnit.SECONDS)
                .repeated());
        codec.close();
    }
}
