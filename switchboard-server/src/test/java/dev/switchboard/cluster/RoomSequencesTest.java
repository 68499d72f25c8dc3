package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.Position;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomSequencesTest {

    @Test
    void eachRoomCountsInItsOwnEpochFromOne() {
        RoomSequences sequences = new RoomSequences("n1", 10);
        assertEquals(new Position("n1", 1), sequences.next("a"));
        assertEquals(new Position("n1", 2), sequences.next("a"));
        assertEquals(new Position("n1", 1), sequences.next("b"));
    }

    @Test
    void roomsPastTheBoundAreForgottenAndComeBackInANewEpochNeverRepeatingAPosition() {
        RoomSequences sequences = new RoomSequences("n1", 100);
        Position before = null;
        for (int i = 0; i < 3; i++) {
            before = sequences.next("kept");
        }
        for (int i = 0; i < 10_000; i++) {
            sequences.next("random-" + i); // anonymous joins of names used once
        }
        assertEquals(100, sequences.size(), "bounded");
        Position after = sequences.next("kept");
        assertNotEquals(before.epoch(), after.epoch(), "forgotten, so a new epoch: recovery says so");
        assertEquals(1, after.offset());
    }

    @Test
    void roomsHashIntoABoundedSetOfBrokerGroupsOneRoomAlwaysInOne() {
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            groups.add(RoomSequences.groupOf("room-" + i));
        }
        assertTrue(groups.size() <= RoomSequences.GROUPS, groups.size() + " groups");
        assertEquals(RoomSequences.groupOf("lobby"), RoomSequences.groupOf("lobby"));
    }
}
