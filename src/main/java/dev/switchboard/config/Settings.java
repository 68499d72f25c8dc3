package dev.switchboard.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of this node, read once at deployment.
 *
 * <p>Each setting {@code switchboard.someName} is read from the system property of that name, else
 * from the environment variable {@code SWITCHBOARD_SOME_NAME}, else its default. A value that does
 * not parse or is out of range stops the deployment with a message naming the setting, the value
 * and what was expected. WildFly's default configuration has no MicroProfile Config, so both
 * servers are configured the same way: {@code /system-property=…} in the WildFly CLI,
 * {@code create-system-properties} in Payara's asadmin, or the environment. See
 * {@code docs/operations.md}.
 */
@ApplicationScoped
public class Settings {

    /** Largest text frame in bytes (UTF-8) a client may send; bigger ones close the connection with 1009. */
    public static final Setting MAX_FRAME_BYTES = new Setting("switchboard.maxFrameBytes", "65536");
    /** Frames that may wait in one connection's outbound queue; beyond it the connection is closed 1013. */
    public static final Setting OUTBOUND_QUEUE_FRAMES = new Setting("switchboard.outboundQueueFrames", "1024");

    /** {@code jms} (default): rooms span every node through the JMS topic; {@code local}: this node runs alone. */
    public static final Setting CLUSTER = new Setting("switchboard.cluster", "jms");

    /** How often a node tells the cluster it is alive, in milliseconds. */
    public static final Setting HEARTBEAT_MILLIS = new Setting("switchboard.heartbeatMillis", "2000");
    /** After how long without a word a node counts as gone and its members leave, in milliseconds. */
    public static final Setting NODE_TIMEOUT_MILLIS = new Setting("switchboard.nodeTimeoutMillis", "6000");

    /** The hard ceiling of {@link #MAX_FRAME_BYTES}: the container itself closes bigger frames with 1009. */
    public static final int FRAME_BYTES_CEILING = 1 << 20;

    private final Function<String, String> source;
    private int maxFrameBytes;
    private int outboundQueueFrames;
    private ClusterMode clusterMode;
    private int heartbeatMillis;
    private int nodeTimeoutMillis;

    /** How room traffic reaches other nodes. */
    public enum ClusterMode {
        /** Through the JMS topic, when JMS works on this server. */
        JMS,
        /** Not at all: this node runs alone. */
        LOCAL
    }

    public Settings() {
        this(Settings::fromSystem);
    }

    /** Settings read from the given source (name of the property → value, or {@code null}). */
    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** Settings from a map, for tests. */
    public static Settings of(Map<String, String> values) {
        Settings settings = new Settings(values::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        maxFrameBytes = intSetting(MAX_FRAME_BYTES, 64, FRAME_BYTES_CEILING);
        outboundQueueFrames = intSetting(OUTBOUND_QUEUE_FRAMES, 1, 1_000_000);
        heartbeatMillis = intSetting(HEARTBEAT_MILLIS, 100, 60_000);
        nodeTimeoutMillis = intSetting(NODE_TIMEOUT_MILLIS, 300, 600_000);
        if (nodeTimeoutMillis < 2 * heartbeatMillis) {
            throw NODE_TIMEOUT_MILLIS.invalid(String.valueOf(nodeTimeoutMillis),
                    "at least twice switchboard.heartbeatMillis (" + heartbeatMillis + ")");
        }
        String cluster = CLUSTER.read(source).strip();
        try {
            clusterMode = ClusterMode.valueOf(cluster.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CLUSTER.invalid(cluster, "'jms' or 'local'");
        }
    }

    /** Reads the settings when the application starts, so that a bad value fails the deployment. */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        maxFrameBytes();
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public int outboundQueueFrames() {
        return outboundQueueFrames;
    }

    public int heartbeatMillis() {
        return heartbeatMillis;
    }

    public int nodeTimeoutMillis() {
        return nodeTimeoutMillis;
    }

    public ClusterMode clusterMode() {
        return clusterMode;
    }

    private int intSetting(Setting setting, int min, int max) {
        String raw = setting.read(source);
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw setting.invalid(raw, "an integer from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw setting.invalid(raw, "an integer from " + min + " to " + max);
        }
        return value;
    }

    private static String fromSystem(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(Setting.environmentName(name));
    }
}
