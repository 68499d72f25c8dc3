package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who orders each room group, as the epochs on the topic tell. */
class GroupOrderersTest {

    private final GroupOrderers orderers = new GroupOrderers();

    @Test
    void aGroupSeenForTheFirstTimeHasNotMoved() {
        assertFalse(orderers.moved("lobby", "nodeA", 100));
        assertFalse(orderers.moved("lobby", "nodeA", 100), "the same node again");
    }

    @Test
    void aNewEpochOfTheSameNodeIsNoMove() {
        orderers.moved("lobby", "nodeA", 100);
        assertFalse(orderers.moved("lobby", "nodeA.1", 100), "the node forgot the room and started an epoch of its own again");
    }

    @Test
    void anotherNodeOrderingTheGroupIsAMoveSaidOnce() {
        orderers.moved("lobby", "nodeA", 100);
        assertTrue(orderers.moved("lobby", "nodeB.2", 100));
        assertFalse(orderers.moved("lobby", "nodeB", 100));
    }

    @Test
    void aMoveIsPerGroupSoAnotherRoomOfTheSameGroupShowsIt() {
        String other = sameGroupAs("lobby");
        orderers.moved("lobby", "nodeA", 100);
        assertTrue(orderers.moved(other, "nodeB", 100), "one group, one consumer: the rooms of a group move together");
        assertFalse(orderers.moved("lobby", "nodeB", 100));
    }

    @Test
    void aMoveIsNotedForItsGroupOnlyAtTheTimeItWasSeen() {
        String other = sameGroupAs("lobby");
        orderers.moved("lobby", "nodeA", 100);
        orderers.moved("hall", "nodeA", 100);
        assertEquals(0, orderers.movedAt("lobby"), "seen, never moved");
        orderers.moved(other, "nodeB", 2_500);
        assertEquals(2_500, orderers.movedAt("lobby"), "the group of lobby moved");
        assertEquals(RoomSequences.groupIndex("hall") == RoomSequences.groupIndex("lobby") ? 2_500 : 0, orderers.movedAt("hall"));
        orderers.moved("lobby", "nodeB", 3_000);
        assertEquals(2_500, orderers.movedAt("lobby"), "the same orderer again is no new move");
    }

    @Test
    void theNodeIsTheEpochUpToItsFirstDot() {
        assertEquals("k3x9", RoomSequences.nodeOf("k3x9"));
        assertEquals("k3x9", RoomSequences.nodeOf("k3x9.2a"));
    }

    private static String sameGroupAs(String room) {
        for (int i = 0;; i++) {
            String other = "room" + i;
            if (RoomSequences.groupIndex(other) == RoomSequences.groupIndex(room) && !other.equals(room)) {
                return other;
            }
        }
    }
}
