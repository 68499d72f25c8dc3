package dev.switchboard.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

    /** Whether {@code auth} accepts any user name without a key (development only; the log says so). */
    public static final Setting AUTH_GUEST = new Setting("switchboard.auth.guest", "false");
    /** The methods an anonymous connection may not call, comma-separated; {@code none} for none. */
    public static final Setting AUTH_REQUIRED = new Setting("switchboard.auth.required", "say,tell,action");
    /** Failed {@code auth} calls in a connection's lifetime after which it is closed with 1008. */
    public static final Setting AUTH_MAX_FAILURES = new Setting("switchboard.auth.maxFailures", "3");
    /** Failed {@code auth} calls from one remote address within the window, after which its {@code auth} is refused. */
    public static final Setting AUTH_MAX_FAILURES_PER_ADDRESS = new Setting("switchboard.auth.maxFailuresPerAddress", "30");
    /** The window of {@link #AUTH_MAX_FAILURES_PER_ADDRESS}, in seconds. */
    public static final Setting AUTH_FAILURE_WINDOW_SECONDS = new Setting("switchboard.auth.failureWindowSeconds", "600");
    /** The HMAC-SHA256 key of signed tokens (at least 32 characters); empty: a random key per node. */
    public static final Setting AUTH_TOKEN_SECRET = new Setting("switchboard.auth.tokenSecret", "");
    /** How long a token issued by the REST endpoint is valid, in seconds. */
    public static final Setting AUTH_TOKEN_SECONDS = new Setting("switchboard.auth.tokenSeconds", "3600");
    /** The container roles a token issued by the REST endpoint carries when the user has them. */
    public static final Setting AUTH_TOKEN_ROLES = new Setting("switchboard.auth.tokenRoles", "admin");

    /** Actions that may run at once for one connection (actionhero's {@code simultaneousActions}). */
    public static final Setting ACTIONS_MAX_PENDING = new Setting("switchboard.actions.maxPending", "5");

    /** The directory the {@code file} verb serves from, besides the WAR's {@code /public/}; empty: none. */
    public static final Setting FILES_DIRECTORY = new Setting("switchboard.files.directory", "");
    /** The largest file the {@code file} verb returns, in bytes. */
    public static final Setting FILES_MAX_BYTES = new Setting("switchboard.files.maxBytes", "262144");

    /** {@code onJoin}: a room is made by its first join; {@code configured}: only the configured rooms exist. */
    public static final Setting ROOMS_CREATE = new Setting("switchboard.rooms.create", "onJoin");
    /** The rooms that always exist, comma-separated (with {@code create=configured}, the only ones). */
    public static final Setting ROOMS_CONFIGURED = new Setting("switchboard.rooms.configured", "");
    /** A regular expression every room name must match; empty: any valid name. */
    public static final Setting ROOMS_NAME_PATTERN = new Setting("switchboard.rooms.namePattern", "");
    /** Rooms one connection may be in at once. */
    public static final Setting ROOMS_MAX_PER_CONNECTION = new Setting("switchboard.rooms.maxPerConnection", "100");
    /** Members one room may have, on every node together. */
    public static final Setting ROOMS_MAX_MEMBERS = new Setting("switchboard.rooms.maxMembers", "100000");

    /** The cookie whose value is a connection's fingerprint. */
    public static final Setting FINGERPRINT_COOKIE = new Setting("switchboard.fingerprint.cookie", "sessionID");
    /** The query parameter whose value is a connection's fingerprint when the cookie is absent. */
    public static final Setting FINGERPRINT_PARAMETER = new Setting("switchboard.fingerprint.parameter", "sessionID");
    /** Proxies whose {@code X-Forwarded-For} is believed: addresses or IPv4 CIDR blocks, comma-separated. */
    public static final Setting TRUSTED_PROXIES = new Setting("switchboard.trustedProxies", "");

    /** Characters that may wait in one connection's outbound queue; beyond it the connection is closed 1013. */
    public static final Setting OUTBOUND_QUEUE_CHARS = new Setting("switchboard.outboundQueueChars", "4194304");
    /** Browser origins allowed besides the server's own host, comma-separated; {@code *} for any. */
    public static final Setting ORIGINS = new Setting("switchboard.origins", "");
    /** Frames per second one connection may send, on average (a token bucket). */
    public static final Setting RATE_FRAMES_PER_SECOND = new Setting("switchboard.rate.framesPerSecond", "200");
    /** Frames one connection may send at once above the average (the bucket's size). */
    public static final Setting RATE_BURST = new Setting("switchboard.rate.burst", "400");
    /** Refused frames within 10 seconds after which the connection is closed 1008. */
    public static final Setting RATE_CLOSE_AFTER = new Setting("switchboard.rate.closeAfterRefused", "200");
    /** Connections one remote address may hold on this node; more are closed 1013. */
    public static final Setting MAX_CONNECTIONS_PER_ADDRESS = new Setting("switchboard.maxConnectionsPerAddress", "10000");
    /** How long a connection may be silent before the server pings it, in milliseconds. */
    public static final Setting PING_INTERVAL_MILLIS = new Setting("switchboard.pingIntervalMillis", "25000");
    /** How long the server waits for the pong before it drops the connection, in milliseconds. */
    public static final Setting PING_TIMEOUT_MILLIS = new Setting("switchboard.pingTimeoutMillis", "20000");
    /** Whether clients are told not to come back when the server shuts down (actionhero's name). */
    public static final Setting DESTROY_CLIENTS_ON_SHUTDOWN = new Setting("switchboard.destroyClientsOnShutdown", "false");
    /** The least a client waits before it comes back after a shutdown; each gets up to twice that. */
    public static final Setting SHUTDOWN_RETRY_AFTER_MILLIS = new Setting("switchboard.shutdown.retryAfterMillis", "1000");
    /** Connections closed at once while draining at shutdown. */
    public static final Setting SHUTDOWN_BATCH = new Setting("switchboard.shutdown.batchSize", "500");

    /** Messages a room's history keeps, unless a rule says otherwise. */
    public static final Setting HISTORY_MESSAGES = new Setting("switchboard.history.messages", "100");
    /** Seconds a message stays in a room's history (0: no age bound), unless a rule says otherwise. */
    public static final Setting HISTORY_SECONDS = new Setting("switchboard.history.seconds", "0");
    /** Per-room bounds: {@code pattern=messages/seconds;…}, the first whose pattern matches the name wins. */
    public static final Setting HISTORY_RULES = new Setting("switchboard.history.rules", "");
    /** Characters every room's history together may hold on a node. */
    public static final Setting HISTORY_MAX_CHARS = new Setting("switchboard.history.maxChars", "33554432");
    /** Where a node keeps its rooms' last positions across restarts; default: in the server's data directory. */
    public static final Setting HISTORY_STATE_FILE = new Setting("switchboard.history.stateFile", "");

    /** The hard ceiling of {@link #MAX_FRAME_BYTES}: the container itself closes bigger frames with 1009. */
    public static final int FRAME_BYTES_CEILING = 1 << 20;

    private final Function<String, String> source;
    private int maxFrameBytes;
    private int outboundQueueFrames;
    private ClusterMode clusterMode;
    private int heartbeatMillis;
    private int nodeTimeoutMillis;
    private boolean guestAuth;
    private Set<String> authRequired;
    private int authMaxFailures;
    private int authMaxFailuresPerAddress;
    private int authFailureWindowSeconds;
    private String tokenSecret;
    private int tokenSeconds;
    private List<String> tokenRoles;
    private int actionsMaxPending;
    private String filesDirectory;
    private int filesMaxBytes;
    private boolean roomsOnlyConfigured;
    private List<String> configuredRooms;
    private Pattern roomNamePattern;
    private int roomsPerConnection;
    private int membersPerRoom;
    private String fingerprintCookie;
    private String fingerprintParameter;
    private List<String> trustedProxies;
    private int outboundQueueChars;
    private List<String> origins;
    private int rateFramesPerSecond;
    private int rateBurst;
    private int rateCloseAfter;
    private int maxConnectionsPerAddress;
    private int pingIntervalMillis;
    private int pingTimeoutMillis;
    private boolean destroyClientsOnShutdown;
    private int shutdownRetryAfterMillis;
    private int shutdownBatch;
    private int historyMessages;
    private int historySeconds;
    private String historyRules;
    private long historyMaxChars;
    private String historyStateFile;

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
        Map<String, String> withDefaults = new java.util.HashMap<>(values);
        withDefaults.putIfAbsent(HISTORY_STATE_FILE.name(), "none"); // tests keep nothing across runs unless they say so
        Settings settings = new Settings(withDefaults::get);
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
        guestAuth = booleanSetting(AUTH_GUEST);
        authRequired = Set.copyOf(list(AUTH_REQUIRED));
        authMaxFailures = intSetting(AUTH_MAX_FAILURES, 1, 1000);
        authMaxFailuresPerAddress = intSetting(AUTH_MAX_FAILURES_PER_ADDRESS, 1, 1_000_000);
        authFailureWindowSeconds = intSetting(AUTH_FAILURE_WINDOW_SECONDS, 1, 86_400);
        tokenSecret = AUTH_TOKEN_SECRET.read(source);
        if (!tokenSecret.isEmpty() && tokenSecret.length() < 32) {
            throw AUTH_TOKEN_SECRET.invalid("(" + tokenSecret.length() + " characters)", "at least 32 characters");
        }
        tokenSeconds = intSetting(AUTH_TOKEN_SECONDS, 1, 31_536_000);
        tokenRoles = list(AUTH_TOKEN_ROLES);
        actionsMaxPending = intSetting(ACTIONS_MAX_PENDING, 1, 10_000);
        filesDirectory = FILES_DIRECTORY.read(source).strip();
        filesMaxBytes = intSetting(FILES_MAX_BYTES, 1, 16 << 20);
        String create = ROOMS_CREATE.read(source).strip();
        if (!create.equals("onJoin") && !create.equals("configured")) {
            throw ROOMS_CREATE.invalid(create, "'onJoin' or 'configured'");
        }
        roomsOnlyConfigured = create.equals("configured");
        configuredRooms = list(ROOMS_CONFIGURED);
        String pattern = ROOMS_NAME_PATTERN.read(source);
        try {
            roomNamePattern = pattern.isEmpty() ? null : Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ROOMS_NAME_PATTERN.invalid(pattern, "a Java regular expression (" + e.getDescription() + ")");
        }
        roomsPerConnection = intSetting(ROOMS_MAX_PER_CONNECTION, 1, 1_000_000);
        membersPerRoom = intSetting(ROOMS_MAX_MEMBERS, 1, 100_000_000);
        fingerprintCookie = FINGERPRINT_COOKIE.read(source).strip();
        fingerprintParameter = FINGERPRINT_PARAMETER.read(source).strip();
        trustedProxies = list(TRUSTED_PROXIES);
        outboundQueueChars = intSetting(OUTBOUND_QUEUE_CHARS, 1024, Integer.MAX_VALUE);
        origins = list(ORIGINS);
        rateFramesPerSecond = intSetting(RATE_FRAMES_PER_SECOND, 1, 10_000_000);
        rateBurst = intSetting(RATE_BURST, 1, 10_000_000);
        rateCloseAfter = intSetting(RATE_CLOSE_AFTER, 1, 10_000_000);
        maxConnectionsPerAddress = intSetting(MAX_CONNECTIONS_PER_ADDRESS, 1, 10_000_000);
        pingIntervalMillis = intSetting(PING_INTERVAL_MILLIS, 100, 3_600_000);
        pingTimeoutMillis = intSetting(PING_TIMEOUT_MILLIS, 100, 3_600_000);
        destroyClientsOnShutdown = booleanSetting(DESTROY_CLIENTS_ON_SHUTDOWN);
        shutdownRetryAfterMillis = intSetting(SHUTDOWN_RETRY_AFTER_MILLIS, 0, 600_000);
        shutdownBatch = intSetting(SHUTDOWN_BATCH, 1, 1_000_000);
        historyMessages = intSetting(HISTORY_MESSAGES, 0, 1_000_000);
        historySeconds = intSetting(HISTORY_SECONDS, 0, 31_536_000);
        historyRules = HISTORY_RULES.read(source);
        historyMaxChars = intSetting(HISTORY_MAX_CHARS, 0, Integer.MAX_VALUE);
        historyStateFile = HISTORY_STATE_FILE.read(source).strip();
        if (historyStateFile.isEmpty()) {
            historyStateFile = defaultStateFile(source);
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

    public boolean guestAuth() {
        return guestAuth;
    }

    /** The methods an anonymous connection may not call. */
    public Set<String> authRequired() {
        return authRequired;
    }

    public int authMaxFailures() {
        return authMaxFailures;
    }

    public int authMaxFailuresPerAddress() {
        return authMaxFailuresPerAddress;
    }

    public int authFailureWindowSeconds() {
        return authFailureWindowSeconds;
    }

    /** The configured token key, or empty when each node makes its own. */
    public String tokenSecret() {
        return tokenSecret;
    }

    public int tokenSeconds() {
        return tokenSeconds;
    }

    public List<String> tokenRoles() {
        return tokenRoles;
    }

    public int actionsMaxPending() {
        return actionsMaxPending;
    }

    /** The directory of the {@code file} verb, or empty when only the WAR's public resources are served. */
    public String filesDirectory() {
        return filesDirectory;
    }

    public int filesMaxBytes() {
        return filesMaxBytes;
    }

    /** True when only configured rooms exist; false when a room is made by its first join. */
    public boolean roomsOnlyConfigured() {
        return roomsOnlyConfigured;
    }

    public List<String> configuredRooms() {
        return configuredRooms;
    }

    /** The pattern every room name must match, or {@code null} for any valid name. */
    public Pattern roomNamePattern() {
        return roomNamePattern;
    }

    public int roomsPerConnection() {
        return roomsPerConnection;
    }

    public int membersPerRoom() {
        return membersPerRoom;
    }

    public String fingerprintCookie() {
        return fingerprintCookie;
    }

    public String fingerprintParameter() {
        return fingerprintParameter;
    }

    public List<String> trustedProxies() {
        return trustedProxies;
    }

    public int outboundQueueChars() {
        return outboundQueueChars;
    }

    /** Origins allowed besides the server's own host; {@code *} in it allows any. */
    public List<String> origins() {
        return origins;
    }

    public int rateFramesPerSecond() {
        return rateFramesPerSecond;
    }

    public int rateBurst() {
        return rateBurst;
    }

    public int rateCloseAfter() {
        return rateCloseAfter;
    }

    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public int pingIntervalMillis() {
        return pingIntervalMillis;
    }

    public int pingTimeoutMillis() {
        return pingTimeoutMillis;
    }

    public boolean destroyClientsOnShutdown() {
        return destroyClientsOnShutdown;
    }

    public int shutdownRetryAfterMillis() {
        return shutdownRetryAfterMillis;
    }

    public int shutdownBatch() {
        return shutdownBatch;
    }

    public int historyMessages() {
        return historyMessages;
    }

    public int historySeconds() {
        return historySeconds;
    }

    /** The raw per-room rules ({@code pattern=messages/seconds;…}); checked where they are parsed. */
    public String historyRules() {
        return historyRules;
    }

    public long historyMaxChars() {
        return historyMaxChars;
    }

    /** The file of the rooms' last positions across restarts; {@code none} for none. */
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

    private List<String> list(Setting setting) {
        String raw = setting.read(source).strip();
        if (raw.equals("none")) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private boolean booleanSetting(Setting setting) {
        String raw = setting.read(source).strip();
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw setting.invalid(raw, "'true' or 'false'");
        };
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
