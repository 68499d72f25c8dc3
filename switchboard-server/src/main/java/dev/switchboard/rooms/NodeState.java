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
     * All of a node's connections and memberships.
     *
     * @param connections its open connections
     * @param members its room memberships
     */
    public record Snapshot(List<Connection> connections, List<Membership> members) {
    }

    /**
     * What a heartbeat says: how much the node has, so a replica can tell it drifted.
     *
     * @param connections open connections
     * @param members room memberships
     */
    public record Counts(int connections, int members) {
    }
}
