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
        assertFalse(orderers.moved("lobby", "nodeA"));
        assertFalse(orderers.moved("lobby", "nodeA"), "the same node again");
    }

    @Test
    void aNewEpochOfTheSameNodeIsNoMove() {
        orderers.moved("lobby", "nodeA");
        assertFalse(orderers.moved("lobby", "nodeA.1"), "the node forgot the room and started an epoch of its own again");
    }

    @Test
    void anotherNodeOrderingTheGroupIsAMoveSaidOnce() {
        orderers.moved("lobby", "nodeA");
        assertTrue(orderers.moved("lobby", "nodeB.2"));
        assertFalse(orderers.moved("lobby", "nodeB"));
    }

    @Test
    void aMoveIsPerGroupSoAnotherRoomOfTheSameGroupShowsIt() {
        String other = sameGroupAs("lobby");
        orderers.moved("lobby", "nodeA");
        assertTrue(orderers.moved(other, "nodeB"), "one group, one consumer: the rooms of a group move together");
        assertFalse(orderers.moved("lobby", "nodeB"));
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
