package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much of each room's traffic a node keeps for {@code history} and recovery, and where it keeps the rooms'
 * last positions across restarts. Read once (see {@link Settings}).
 *
 * @param messages messages a room's history keeps, unless a rule says otherwise
 * @param maxAge how long a message stays in it ({@link Duration#ZERO}: no age bound), unless a rule says otherwise
 * @param rules per-room bounds, {@code pattern=messages/seconds;…} (parsed by the rooms)
 * @param maxChars characters every room's history together may hold on a node
 * @param stateFile the file of the rooms' last positions; empty when the node keeps none
 * @param tellKeys how long every node remembers the idempotency key of a {@code tell} (a repeat within it is dropped)
 * @param keysFile the memory-mapped file of the keys of the room messages this node delivered (they outlive a crash);
 *     empty when the node keeps none
 * @param keySlots how many keys that file holds (the oldest are overwritten)
 */
public record HistorySettings(int messages, Duration maxAge, String rules, int maxChars, Optional<Path> stateFile,
        Duration tellKeys, Optional<Path> keysFile, int keySlots) {

    public static final Setting<Integer> HISTORY_MESSAGES = Setting.integer("switchboard.history.messages", 100, 0, 1_000_000,
            "Messages a room's history keeps, unless a rule says otherwise.");
    public static final Setting<Integer> HISTORY_SECONDS = Setting.integer("switchboard.history.seconds", 0, 0, 31_536_000,
            "Seconds a message stays in a room's history (0: no age bound), unless a rule says otherwise.");
    public static final Setting<String> HISTORY_RULES = Setting.text("switchboard.history.rules", "",
            "Per-room bounds: pattern=messages/seconds;…, the first whose pattern matches the name wins.");
    public static final Setting<Integer> HISTORY_MAX_CHARS = Setting.integer("switchboard.history.maxChars", 33_554_432, 0, Integer.MAX_VALUE,
            "Characters every room's history together may hold on a node.");
    public static final Setting<String> HISTORY_STATE_FILE = Setting.text("switchboard.history.stateFile", "",
            "Where a node keeps its rooms' last positions across restarts; default: in the server's data directory; none: nowhere.");

    public static final Setting<Integer> HISTORY_TELL_KEY_SECONDS = Setting.integer("switchboard.history.tellKeySeconds", 600, 1, 86_400,
            "Seconds every node remembers the idempotency key of a tell: a repeat with the same key within them is not sent again.");

    public static final Setting<String> HISTORY_KEYS_FILE = Setting.text("switchboard.history.keysFile", "",
            "Where a node keeps the idempotency keys of the room messages it delivered, so that a repeat after a crash is still"
                    + " answered with the original; default: in the server's data directory; none: nowhere.");
    public static final Setting<Integer> HISTORY_KEY_SLOTS = Setting.integer("switchboard.history.keySlots", 32_768, 16, 4_194_304,
            "How many idempotency keys that file holds (1 KiB each, a sparse file); the oldest are overwritten.");

    static HistorySettings read(Settings settings, Function<String, String> source) {
        String stateFile = settings.get(HISTORY_STATE_FILE);
        Optional<Path> path = dataFile(stateFile, "switchboard-history.json", source);
        return new HistorySettings(settings.get(HISTORY_MESSAGES), Duration.ofSeconds(settings.get(HISTORY_SECONDS)),
                settings.get(HISTORY_RULES), settings.get(HISTORY_MAX_CHARS), path,
                Duration.ofSeconds(settings.get(HISTORY_TELL_KEY_SECONDS)),
                dataFile(settings.get(HISTORY_KEYS_FILE), "switchboard-keys.journal", source), settings.get(HISTORY_KEY_SLOTS));
    }

    /**
     * A node's file as a setting names it: {@code none} for none, empty for this name in the server's data directory
     * (WildFly's, else Payara's instance's, else the temporary directory).
     */
    static Optional<Path> dataFile(String configured, String name, Function<String, String> source) {
        if (configured.equals("none")) {
            return Optional.empty();
        }
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured));
        }
        String wildfly = source.apply("jboss.server.data.dir");
        String payara = source.apply("com.sun.aas.instanceRoot");
        String directory = wildfly != null ? wildfly
                : payara != null ? payara + "/data" : System.getProperty("java.io.tmpdir");
        return Optional.of(Path.of(directory, name));
    }
}
