package dev.switchboard.rooms;

import dev.switchboard.protocol.RoomMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's replica of what the other nodes have: their connections and room members, and when each
 * was last heard from. Fed by the cluster bus; read by {@code roomView} and {@code tell}. Each method
 * is one short critical section; nothing is published under the lock.
 */
final class RemoteNodes {

    private final Map<String, Node> nodes = new HashMap<>();

    /** How many closed connections of each node are remembered, to ignore what arrives for them late. */
    static final int REMEMBERED_CLOSES = 10_000;

    private static final class Node {
        long lastSeen;
        /** What its last heartbeat said of it. */
        boolean draining;
        String host;
        final Map<String, String> connections = new LinkedHashMap<>();
        final Map<String, Map<String, NodeState.Membership>> rooms = new HashMap<>();
        /**
         * Connections that closed (ids are never reused): a {@code join} published before the close but
         * delivered after it must not bring a closed connection back as a ghost member.
         */
        Map<String, Boolean> closed = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_CLOSES;
            }
        };

        int members() {
            return rooms.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** Notes that a node was heard from; true when it was not known before. */
    synchronized boolean seen(String node, long now) {
        Node state = nodes.get(node);
        if (state == null) {
            state = new Node();
            nodes.put(node, state);
            state.lastSeen = now;
            return true;
        }
        state.lastSeen = Math.max(state.lastSeen, now);
        return false;
    }

    synchronized void connected(String node, NodeState.Connection connection, long now) {
        seen(node, now);
        if (nodes.get(node).closed.containsKey(connection.id())) {
            return;
        }
        nodes.get(node).connections.put(connection.id(), connection.user() == null ? "" : connection.user());
    }

    synchronized void disconnected(String node, String id, long now) {
        seen(node, now);
        Node state = nodes.get(node);
        state.closed.put(id, Boolean.TRUE);
        state.connections.remove(id);
        state.rooms.values().forEach(members -> members.remove(id));
        state.rooms.values().removeIf(Map::isEmpty);
    }

    synchronized void joined(String node, NodeState.Membership membership, long now) {
        seen(node, now);
        if (nodes.get(node).closed.containsKey(membership.id())) {
            return; // its close overtook its join
        }
        nodes.get(node).rooms.computeIfAbsent(membership.room(), r -> new LinkedHashMap<>()).put(membership.id(), membership);
    }

    synchronized void left(String node, String room, String id, long now) {
        seen(node, now);
        Map<String, NodeState.Membership> members = nodes.get(node).rooms.get(room);
        if (members != null) {
            members.remove(id);
            if (members.isEmpty()) {
                nodes.get(node).rooms.remove(room);
            }
        }
    }

    /** Replaces what a node has — its connections and members — with its snapshot; what its heartbeats said stays. */
    synchronized void replace(String node, NodeState.Snapshot snapshot, long now) {
        Node state = new Node();
        state.lastSeen = now;
        Node before = nodes.get(node);
        if (before != null) {
            state.closed = before.closed;
            state.draining = before.draining; // a snapshot says nothing of these: until its next heartbeat, the last word
            state.host = before.host;
        }
        for (NodeState.Connection connection : snapshot.connections()) {
            if (!state.closed.containsKey(connection.id())) { // a snapshot taken before a close it overtook
                state.connections.put(connection.id(), connection.user() == null ? "" : connection.user());
            }
        }
        for (NodeState.Membership membership : snapshot.members()) {
            if (state.closed.containsKey(membership.id())) {
                continue;
            }
            state.rooms.computeIfAbsent(membership.room(), r -> new LinkedHashMap<>()).put(membership.id(), membership);
        }
        nodes.put(node, state);
    }

    /** A node's heartbeat: what it says of itself, kept for the operators' view. */
    synchronized void heard(String node, NodeState.Counts counts) {
        Node state = nodes.get(node);
        if (state != null) {
            state.draining = counts.draining();
            state.host = counts.host();
        }
    }

    /** The nodes known here, as operators see them, by id. */
    synchronized List<NodeState.Summary> summaries(long now) {
        return nodes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new NodeState.Summary(entry.getKey(), false, entry.getValue().host,
                        entry.getValue().connections.size(), entry.getValue().rooms.size(), entry.getValue().members(),
                        Math.max(0, now - entry.getValue().lastSeen), entry.getValue().draining))
                .toList();
    }

    /** Whether the replica of a node has what its heartbeat says it has. */
    synchronized boolean matches(String node, NodeState.Counts counts) {
        Node state = nodes.get(node);
        return state != null && state.connections.size() == counts.connections() && state.members() == counts.members();
    }

    /** Forgets a node and returns the memberships it had, so that their rooms hear they left. */
    synchronized List<NodeState.Membership> remove(String node) {
        Node state = nodes.remove(node);
        List<NodeState.Membership> gone = new ArrayList<>();
        if (state != null) {
            state.rooms.values().forEach(members -> gone.addAll(members.values()));
        }
        return gone;
    }

    /** The nodes not heard from since {@code now - timeout}. */
    synchronized List<String> silentSince(long now, long timeoutMillis) {
        List<String> silent = new ArrayList<>();
        nodes.forEach((node, state) -> {
            if (now - state.lastSeen > timeoutMillis) {
                silent.add(node);
            }
        });
        return silent;
    }

    synchronized List<RoomMember> members(String room) {
        List<RoomMember> members = new ArrayList<>();
        for (Node state : nodes.values()) {
            Map<String, NodeState.Membership> inRoom = state.rooms.get(room);
            if (inRoom != null) {
                inRoom.values().forEach(m -> members.add(new RoomMember(m.id(), m.user(), m.joinedAt())));
            }
        }
        return members;
    }

    /** Every room with members on the other nodes, and how many. */
    synchronized Map<String, Integer> roomCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Node state : nodes.values()) {
            state.rooms.forEach((room, members) -> counts.merge(room, members.size(), Integer::sum));
        }
        return counts;
    }

    /** How many members a room has on the other nodes. */
    synchronized int count(String room) {
        int count = 0;
        for (Node state : nodes.values()) {
            Map<String, NodeState.Membership> inRoom = state.rooms.get(room);
            count += inRoom == null ? 0 : inRoom.size();
        }
        return count;
    }

    /** The rooms the connections of this user are in on the other nodes. */
    synchronized Set<String> roomsOf(String user) {
        Set<String> rooms = new HashSet<>();
        for (Node state : nodes.values()) {
            state.rooms.forEach((room, members) -> {
                for (NodeState.Membership member : members.values()) {
                    if (user.equals(member.user())) {
                        rooms.add(room);
                        return;
                    }
                }
            });
        }
        return rooms;
    }

    /** How many connections the other nodes have. */
    synchronized int connectionCount() {
        return nodes.values().stream().mapToInt(state -> state.connections.size()).sum();
    }

    /** Whether a connection with this id is open on another node. */
    synchronized boolean hasConnectionId(String id) {
        return nodes.values().stream().anyMatch(state -> state.connections.containsKey(id));
    }

    /** Whether a connection of this user is open on another node. */
    synchronized boolean hasUser(String user) {
        return nodes.values().stream().anyMatch(state -> state.connections.containsValue(user));
    }

    /** Whether a connection with this id, or of this user, is open on another node. */
    synchronized boolean hasConnection(String idOrUser) {
        for (Node state : nodes.values()) {
            if (state.connections.containsKey(idOrUser) || (!idOrUser.isEmpty() && state.connections.containsValue(idOrUser))) {
                return true;
            }
        }
        return false;
    }
}
