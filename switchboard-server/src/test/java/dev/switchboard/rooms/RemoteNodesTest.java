package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replicas of the other nodes, as operators see them. */
class RemoteNodesTest {

    private final RemoteNodes nodes = new RemoteNodes();

    @Test
    void aSnapshotReplacesANodesMembersButNotWhatItsHeartbeatSaidOfIt() {
        nodes.seen("b", 1_000);
        nodes.heard("b", new NodeState.Counts(0, 0, true, "host-b"));
        nodes.replace("b", new NodeState.Snapshot(List.of(new NodeState.Connection("c1", "ann")),
                List.of(new NodeState.Membership("lobby", "c1", "ann", 900)), List.of()), 2_000);

        NodeState.Summary b = nodes.summaries(2_500).get(0);
        assertEquals("b", b.node());
        assertEquals("host-b", b.host());
        assertTrue(b.draining(), "still draining: a snapshot does not say it stopped");
        assertEquals(1, b.connections());
        assertEquals(1, b.members());
        assertEquals(500, b.lastSeenMillisAgo());
    }
}
