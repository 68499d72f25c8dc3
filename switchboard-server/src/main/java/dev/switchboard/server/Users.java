package dev.switchboard.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This node's open connections by user, so that {@code tell} to a user, a kick or a direct message finds
 * its connections without looking at every connection of the node. Kept by the connections as they
 * authenticate and close.
 */
final class Users {

    private final ConcurrentMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /** A connection's user changed (it authenticated, perhaps as someone else). */
    void changed(Connection connection, String before, String after) {
        if (before != null && !before.equals(after)) {
            remove(connection, before);
        }
        if (after != null) {
            byUser.computeIfAbsent(after, user -> ConcurrentHashMap.newKeySet()).add(connection);
            if (connection.closing()) {
                remove(connection, after); // it closed meanwhile: its close may have looked before it was here
            }
        }
    }

    /** A connection closed. */
    void closed(Connection connection) {
        String user = connection.user();
        if (user != null) {
            remove(connection, user);
        }
    }

    List<Connection> of(String user) {
        Set<Connection> connections = byUser.get(user);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    int users() {
        return byUser.size();
    }

    private void remove(Connection connection, String user) {
        byUser.computeIfPresent(user, (name, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }
}
