package dev.switchboard.rooms;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * What one node has, as it sends it in a snapshot, and the counts of its heartbeat.
 */
public final class NodeState {

    private NodeState() {
    }

    /**
     * One connection.
     *
     * @param id the connection id
     * @param user its user or {@code null}
     */
    public record Connection(String id, String user) {
    }

    /**
     * One membership.
     *
     * @param room the room
     * @param id the connection id
     * @param user its user or {@code null}
     * @param joinedAt epoch milliseconds
     */
    @JsonbPropertyOrder({"room", "id", "user", "joinedAt"})
    public record Membership(String room, String id, String user, long joinedAt) {
    }

    /**
     * All of a node's connections and memberships, and the revocations it knows (so that a node that starts learns them).
     *
     * @param connections its open connections
     * @param members its room memberships
     * @param revocations the revocations in force, each as its JSON text; {@code null} from a node of a version before them
     */
    public record Snapshot(List<Connection> connections, List<Membership> members, List<String> revocations) {
    }

    /**
     * What a heartbeat says: how much the node has, so a replica can tell it drifted, and what operators see of it
     * ({@code GET /api/admin/nodes}).
     *
     * @param connections open connections
     * @param members room memberships
     * @param draining whether it drains (false from a node of a version before it)
     * @param host its host name ({@code null} from a node of a version before it)
     */
    public record Counts(int connections, int members, boolean draining, String host) {
    }

    /**
     * One node as operators see it.
     *
     * @param node its id
     * @param self whether it is the node that answers
     * @param host its host name, {@code null} when it did not say
     * @param connections its open connections
     * @param rooms the rooms it has members in
     * @param members its room memberships
     * @param lastSeenMillisAgo how long since it was last heard from (0 for the node that answers)
     * @param draining whether it drains
     */
    @jakarta.json.bind.annotation.JsonbPropertyOrder({"node", "self", "host", "connections", "rooms", "members",
            "lastSeenMillisAgo", "draining"})
    public record Summary(String node, boolean self, String host, int connections, int rooms, int members,
            long lastSeenMillisAgo, boolean draining) {
    }
}
