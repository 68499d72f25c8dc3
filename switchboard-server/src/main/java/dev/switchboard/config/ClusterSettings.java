package dev.switchboard.config;

import java.time.Duration;
import java.util.Map;

/**
 * Whether rooms span nodes, and how nodes tell each other they are alive. Read once (see {@link Settings}).
 *
 * @param mode through the JMS topic, or this node alone
 * @param heartbeat how often a node tells the cluster it is alive
 * @param nodeTimeout after how long without a word a node counts as gone (at least twice {@code heartbeat})
 */
public record ClusterSettings(Mode mode, Duration heartbeat, Duration nodeTimeout) {

    /** How room traffic reaches other nodes. */
    public enum Mode {
        /** Through the JMS topic, when JMS works on this server. */
        JMS,
        /** Not at all: this node runs alone. */
        LOCAL
    }

    public static final Setting<Mode> CLUSTER = Setting.choice("switchboard.cluster", "jms", Map.of("jms", Mode.JMS, "local", Mode.LOCAL),
            "jms (default): rooms span every node through the JMS topic; local: this node runs alone.");
    public static final Setting<Integer> HEARTBEAT_MILLIS = Setting.integer("switchboard.heartbeatMillis", 2000, 100, 60_000,
            "How often a node tells the cluster it is alive, in milliseconds.");
    public static final Setting<Integer> NODE_TIMEOUT_MILLIS = Setting.integer("switchboard.nodeTimeoutMillis", 6000, 300, 600_000,
            "After how long without a word a node counts as gone and its members leave, in milliseconds.");

    static ClusterSettings read(Settings settings) {
        int heartbeat = settings.get(HEARTBEAT_MILLIS);
        int timeout = settings.get(NODE_TIMEOUT_MILLIS);
        if (timeout < 2 * heartbeat) {
            throw NODE_TIMEOUT_MILLIS.invalid(String.valueOf(timeout), "at least twice " + HEARTBEAT_MILLIS.name() + " (" + heartbeat + ")");
        }
        return new ClusterSettings(settings.get(CLUSTER), Duration.ofMillis(heartbeat), Duration.ofMillis(timeout));
    }
}
