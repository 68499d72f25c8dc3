package dev.switchboard.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings of this node, each declared once below (name, type, default, bounds, meaning) and read once
 * at deployment; a feature asks for one with {@link #get(Setting)}.
 *
 * <p>Each setting {@code switchboard.someName} comes from the server's MicroProfile Config (both servers
 * have it: Payara's {@code set-config-property}, WildFly's config sources — a directory of files such as
 * Kubernetes secrets — and, through it, system properties and environment variables), else from the system
 * property of that name, else from the environment variable {@code SWITCHBOARD_SOME_NAME}, else its default.
 * A value that does not parse or is out of range stops the deployment with a message naming the setting,
 * the value and what was expected. The effective settings are logged once at deployment, secrets masked.
 * See {@code docs/operations.md}.
 */
@ApplicationScoped
public class Settings {

    private static final Logger LOG = System.getLogger(Settings.class.getName());

    /** The hard ceiling of {@link #MAX_FRAME_BYTES}: the container itself closes bigger frames with 1009. */
    public static final int FRAME_BYTES_CEILING = 1 << 20;

    /** How room traffic reaches other nodes. */
    public enum ClusterMode {
        /** Through the JMS topic, when JMS works on this server. */
        JMS,
        /** Not at all: this node runs alone. */
        LOCAL
    }

    /** How rooms come to exist. */
    public enum RoomCreation {
        /** A room is made by its first join. */
        ON_JOIN,
        /** Only the configured rooms exist. */
        CONFIGURED
    }

    public static final Setting<Integer> MAX_FRAME_BYTES = Setting.integer("switchboard.maxFrameBytes", 65_536, 64, FRAME_BYTES_CEILING,
            "Largest text frame in bytes (UTF-8) a client may send; bigger ones close the connection with 1009.");
    public static final Setting<Integer> OUTBOUND_QUEUE_FRAMES = Setting.integer("switchboard.outboundQueueFrames", 1024, 1, 1_000_000,
            "Frames that may wait in one connection's outbound queue; beyond it the connection is closed 1013.");
    public static final Setting<ClusterMode> CLUSTER = Setting.choice("switchboard.cluster", "jms", Map.of("jms", ClusterMode.JMS, "local", ClusterMode.LOCAL),
            "jms (default): rooms span every node through the JMS topic; local: this node runs alone.");
    public static final Setting<Integer> HEARTBEAT_MILLIS = Setting.integer("switchboard.heartbeatMillis", 2000, 100, 60_000,
            "How often a node tells the cluster it is alive, in milliseconds.");
    public static final Setting<Integer> NODE_TIMEOUT_MILLIS = Setting.integer("switchboard.nodeTimeoutMillis", 6000, 300, 600_000,
            "After how long without a word a node counts as gone and its members leave, in milliseconds.");
    public static final Setting<Boolean> AUTH_GUEST = Setting.flag("switchboard.auth.guest", false,
            "Whether auth accepts any user name without a key (development only; the log says so).");
    public static final Setting<Set<String>> AUTH_REQUIRED = Setting.names("switchboard.auth.required", "say,tell,action",
            "The methods an anonymous connection may not call, comma-separated; none for none.");
    public static final Setting<Integer> AUTH_MAX_FAILURES = Setting.integer("switchboard.auth.maxFailures", 3, 1, 1000,
            "Failed auth calls in a connection's lifetime after which it is closed with 1008.");
    public static final Setting<Integer> AUTH_MAX_FAILURES_PER_ADDRESS = Setting.integer("switchboard.auth.maxFailuresPerAddress", 30, 1, 1_000_000,
            "Failed auth calls from one remote address within the window, after which its auth is refused.");
    public static final Setting<Integer> AUTH_FAILURE_WINDOW_SECONDS = Setting.integer("switchboard.auth.failureWindowSeconds", 600, 1, 86_400,
            "The window of switchboard.auth.maxFailuresPerAddress, in seconds.");
    public static final Setting<String> AUTH_TOKEN_SECRET = Setting.secret("switchboard.auth.tokenSecret", 32,
            "The HMAC-SHA256 key of signed tokens (at least 32 characters); empty: a random key per node.");
    public static final Setting<Integer> AUTH_TOKEN_SECONDS = Setting.integer("switchboard.auth.tokenSeconds", 3600, 1, 31_536_000,
            "How long a token issued by the REST endpoint is valid, in seconds.");
    public static final Setting<List<String>> AUTH_TOKEN_ROLES = Setting.list("switchboard.auth.tokenRoles", "admin",
            "The container roles a token issued by the REST endpoint carries when the user has them.");
    public static final Setting<Integer> ACTIONS_MAX_PENDING = Setting.integer("switchboard.actions.maxPending", 5, 1, 10_000,
            "Actions that may run at once for one connection (actionhero's simultaneousActions).");
    public static final Setting<String> FILES_DIRECTORY = Setting.text("switchboard.files.directory", "",
            "The directory the file verb serves from, besides the WAR's /public/; empty: none.");
    public static final Setting<Integer> FILES_MAX_BYTES = Setting.integer("switchboard.files.maxBytes", 262_144, 1, 16 << 20,
            "The largest file the file verb returns, in bytes.");
    public static final Setting<RoomCreation> ROOMS_CREATE = Setting.choice("switchboard.rooms.create", "onJoin", Map.of("onJoin", RoomCreation.ON_JOIN, "configured", RoomCreation.CONFIGURED),
            "onJoin: a room is made by its first join; configured: only the configured rooms exist.");
    public static final Setting<List<String>> ROOMS_CONFIGURED = Setting.list("switchboard.rooms.configured", "",
            "The rooms that always exist, comma-separated (with switchboard.rooms.create=configured, the only ones).");
    public static final Setting<Pattern> ROOMS_NAME_PATTERN = Setting.pattern("switchboard.rooms.namePattern",
            "A regular expression every room name must match; empty: any valid name.");
    public static final Setting<Integer> ROOMS_MAX_PER_CONNECTION = Setting.integer("switchboard.rooms.maxPerConnection", 100, 1, 1_000_000,
            "Rooms one connection may be in at once.");
    public static final Setting<Integer> ROOMS_MAX_MEMBERS = Setting.integer("switchboard.rooms.maxMembers", 100_000, 1, 100_000_000,
            "Members one room may have, on every node together.");
    public static final Setting<String> FINGERPRINT_COOKIE = Setting.text("switchboard.fingerprint.cookie", "sessionID",
            "The cookie whose value is a connection's fingerprint.");
    public static final Setting<String> FINGERPRINT_PARAMETER = Setting.text("switchboard.fingerprint.parameter", "sessionID",
            "The query parameter whose value is a connection's fingerprint when the cookie is absent.");
    public static final Setting<List<String>> TRUSTED_PROXIES = Setting.list("switchboard.trustedProxies", "",
            "Proxies whose X-Forwarded-For is believed: addresses or IPv4 CIDR blocks, comma-separated.");
    public static final Setting<Integer> OUTBOUND_QUEUE_CHARS = Setting.integer("switchboard.outboundQueueChars", 4_194_304, 1024, Integer.MAX_VALUE,
            "Characters that may wait in one connection's outbound queue; beyond it the connection is closed 1013.");
    public static final Setting<List<String>> ORIGINS = Setting.list("switchboard.origins", "",
            "Browser origins allowed besides the server's own host, comma-separated; * for any.");
    public static final Setting<Integer> RATE_FRAMES_PER_SECOND = Setting.integer("switchboard.rate.framesPerSecond", 200, 1, 10_000_000,
            "Frames per second one connection may send, on average (a token bucket).");
    public static final Setting<Integer> RATE_BURST = Setting.integer("switchboard.rate.burst", 400, 1, 10_000_000,
            "Frames one connection may send at once above the average (the bucket's size).");
    public static final Setting<Integer> RATE_CLOSE_AFTER = Setting.integer("switchboard.rate.closeAfterRefused", 200, 1, 10_000_000,
            "Refused frames within 10 seconds after which the connection is closed 1008.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.integer("switchboard.maxConnectionsPerAddress", 10_000, 1, 10_000_000,
            "Connections one remote address may hold on this node; more are closed 1013.");
    public static final Setting<Integer> PING_INTERVAL_MILLIS = Setting.integer("switchboard.pingIntervalMillis", 25_000, 100, 3_600_000,
            "How long a connection may be silent before the server pings it, in milliseconds.");
    public static final Setting<Integer> PING_TIMEOUT_MILLIS = Setting.integer("switchboard.pingTimeoutMillis", 20_000, 100, 3_600_000,
            "How long the server waits for the pong before it drops the connection, in milliseconds.");
    public static final Setting<Boolean> DESTROY_CLIENTS_ON_SHUTDOWN = Setting.flag("switchboard.destroyClientsOnShutdown", false,
            "Whether clients are told not to come back when the server shuts down (actionhero's name).");
    public static final Setting<Integer> SHUTDOWN_RETRY_AFTER_MILLIS = Setting.integer("switchboard.shutdown.retryAfterMillis", 1000, 0, 600_000,
            "The least a client waits before it comes back after a shutdown; each gets up to twice that.");
    public static final Setting<Integer> SHUTDOWN_BATCH = Setting.integer("switchboard.shutdown.batchSize", 500, 1, 1_000_000,
            "Connections closed at once while draining at shutdown.");
    public static final Setting<Integer> HISTORY_MESSAGES = Setting.integer("switchboard.history.messages", 100, 0, 1_000_000,
            "Messages a room's history keeps, unless a rule says otherwise.");
    public static final Setting<Integer> HISTORY_SECONDS = Setting.integer("switchboard.history.seconds", 0, 0, 31_536_000,
            "Seconds a message stays in a room's history (0: no age bound), unless a rule says otherwise.");
    public static final Setting<String> HISTORY_RULES = Setting.text("switchboard.history.rules", "",
            "Per-room bounds: pattern=messages/seconds;…, the first whose pattern matches the name wins.");
    public static final Setting<Integer> HISTORY_MAX_CHARS = Setting.integer("switchboard.history.maxChars", 33_554_432, 0, Integer.MAX_VALUE,
            "Characters every room's history together may hold on a node.");
    public static final Setting<String> HISTORY_STATE_FILE = Setting.text("switchboard.history.stateFile", "",
            "Where a node keeps its rooms' last positions across restarts; default: in the server's data directory.");

    /** Every setting above, in the order declared. */
    public static final List<Setting<?>> ALL = declared();

    private final Function<String, String> source;
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
    private final Map<Setting<?>, Boolean> given = new IdentityHashMap<>();
    private String historyStateFile;

    public Settings() {
        this(Sources.server());
    }

    /** Settings read from the given source (name of the property → value, or {@code null}). */
    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** Settings from a map, for tests. */
    public static Settings of(Map<String, String> values) {
        Map<String, String> withDefaults = new HashMap<>(values);
        withDefaults.putIfAbsent(HISTORY_STATE_FILE.name(), "none"); // tests keep nothing across runs unless they say so
        Settings settings = new Settings(withDefaults::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        for (Setting<?> setting : ALL) {
            String raw = source.apply(setting.name());
            given.put(setting, raw != null && !raw.isBlank());
            values.put(setting, setting.read(source));
        }
        if (get(NODE_TIMEOUT_MILLIS) < 2 * get(HEARTBEAT_MILLIS)) {
            throw NODE_TIMEOUT_MILLIS.invalid(String.valueOf(get(NODE_TIMEOUT_MILLIS)),
                    "at least twice " + HEARTBEAT_MILLIS.name() + " (" + get(HEARTBEAT_MILLIS) + ")");
        }
        String stateFile = get(HISTORY_STATE_FILE);
        historyStateFile = stateFile.isEmpty() ? defaultStateFile(source) : stateFile;
    }

    /** The value of a setting (the default when none was given). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("not a setting of Switchboard's: " + setting.name());
        }
        return (T) values.get(setting);
    }

    /** Reads the settings when the application starts, so that a bad value fails the deployment, and logs them. */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.log(Level.INFO, "Switchboard settings ({0}):\n{1}", Sources.describe(), effective());
    }

    /** One line a setting, {@code name = value}, given ones marked, secrets masked. */
    public String effective() {
        StringBuilder lines = new StringBuilder();
        for (Setting<?> setting : ALL) {
            Object value = get(setting);
            String shown = setting.secret() ? (String.valueOf(value).isEmpty() ? "(none: a random key per node)" : "****")
                    : value instanceof Pattern pattern ? pattern.pattern() : String.valueOf(value);
            lines.append("  ").append(setting.name()).append(" = ").append(shown)
                    .append(given.get(setting) ? "" : "  (default)").append('\n');
        }
        return lines.toString();
    }

    /** The file of the rooms' last positions across restarts ({@link #HISTORY_STATE_FILE}, or the server's data directory); {@code none} for none. */
    public String historyStateFile() {
        return historyStateFile;
    }

    /** WildFly's data directory, else Payara's instance's, else the temporary directory. */
    private static String defaultStateFile(Function<String, String> source) {
        String wildfly = source.apply("jboss.server.data.dir");
        String payara = source.apply("com.sun.aas.instanceRoot");
        String directory = wildfly != null ? wildfly
                : payara != null ? payara + "/data" : System.getProperty("java.io.tmpdir");
        return directory + "/switchboard-history.json";
    }

    private static List<Setting<?>> declared() {
        List<Setting<?>> all = new ArrayList<>();
        for (Field field : Settings.class.getDeclaredFields()) {
            if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    all.add((Setting<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(all);
    }

    /** Where values come from on a server: MicroProfile Config when there is one, then the system, then the default. */
    static final class Sources {

        private Sources() {
        }

        static Function<String, String> server() {
            Function<String, String> config = microProfileConfig();
            return name -> {
                String value = config == null ? null : config.apply(name);
                if (value == null) {
                    value = System.getProperty(name);
                }
                return value != null ? value : System.getenv(Setting.environmentName(name));
            };
        }

        static String describe() {
            return microProfileConfig() == null ? "system properties, environment"
                    : "MicroProfile Config, system properties, environment";
        }

        /** The server's MicroProfile Config, or {@code null} where there is none (a plain servlet container, a unit test). */
        private static Function<String, String> microProfileConfig() {
            try {
                org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
                return name -> config.getOptionalValue(name, String.class).orElse(null);
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }
}
