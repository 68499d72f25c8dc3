package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every room's {@link History} on this node, with their bounds: per room from the first rule whose
 * pattern matches the room's name (else the default), and all together in characters (past it, the room
 * being written drops its oldest). Also the last position of each room when the node last stopped, kept
 * in a small file, so that a client whose last message was the last one before a restart recovers: the
 * file is written at a clean stop and removed as soon as it is read, so that it never speaks for a run
 * after the one that wrote it (a run that ends in a crash leaves none, and the next one recovers nothing
 * across it).
 */
final class Histories {

    private static final Logger LOG = System.getLogger(Histories.class.getName());

    /** How much history a room keeps: messages and seconds (0: no age bound). */
    record Bound(Pattern pattern, int messages, int seconds) {
    }

    private final ConcurrentMap<String, History> rooms = new ConcurrentHashMap<>();
    private final List<Bound> rules;
    private final Bound fallback;
    private final long maxChars;
    private final AtomicLong chars = new AtomicLong();
    private final Path stateFile;
    private final Map<String, Position> predecessors;
    private final String nodeEpoch;
    private final AtomicLong made = new AtomicLong();

    /**
     * @param rules checked in order; the first whose pattern matches the whole room name applies
     * @param stateFile where the last positions are kept across restarts, or {@code null} for nowhere
     */
    Histories(String nodeEpoch, List<Bound> rules, Bound fallback, long maxChars, Path stateFile) {
        this.nodeEpoch = nodeEpoch;
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
        this.maxChars = maxChars;
        this.stateFile = stateFile;
        this.predecessors = load(stateFile);
    }

    /**
     * The history of a room, made on first use. Check {@link History#retired()} once holding its monitor:
     * a sweep may have dropped it meanwhile; then ask again.
     */
    History of(String room) {
        return rooms.computeIfAbsent(room, this::newHistory);
    }

    private History newHistory(String room) {
        Bound bound = boundOf(room);
        return new History(bound.messages(), bound.seconds() * 1000L, nodeEpoch + "." + made.incrementAndGet());
    }

    /** Adds a message to a room's history; call holding the history's monitor. */
    void add(History history, History.Entry entry) {
        long total = chars.addAndGet(history.add(entry));
        while (total > maxChars) {
            long freed = history.evictOldest();
            if (freed == 0) {
                break;
            }
            total = chars.addAndGet(-freed);
        }
    }

    /**
     * Expires what is past its age in every room, and forgets the histories left empty of rooms without
     * members here, so that rooms that come and go do not pile up.
     */
    void sweep(long now, Predicate<String> inUse) {
        rooms.forEach((room, history) -> {
            synchronized (history) {
                if (history.retired()) {
                    return; // forgotten meanwhile: its characters are counted out already
                }
                chars.addAndGet(-history.expire(now));
                if (history.size() == 0 && !history.holdsInheritedKeys() && !inUse.test(room)) {
                    history.retire();
                    rooms.remove(room, history);
                }
            }
        });
    }

    /**
     * Forgets every history: this node may have missed messages (its cluster link broke), so none of them
     * can prove "no gap" for a position before now. A recovery from such a position then gets what comes
     * from here on, flagged {@code recovered: false}. Call on the thread that delivers room messages.
     */
    void forgetAll() {
        rooms.forEach((room, history) -> {
            synchronized (history) {
                if (!history.retired()) {
                    chars.addAndGet(-history.chars());
                    history.retire();
                    List<History.Entry> keyed = history.keyed();
                    if (!keyed.isEmpty()) {
                        // the keys still say what was delivered: a repeat must stay a repeat after the gap
                        History fresh = newHistory(room);
                        fresh.inherit(keyed);
                        rooms.replace(room, history, fresh);
                        return;
                    }
                }
                rooms.remove(room, history);
            }
        });
    }

    /** The room's last position before this node restarted, or {@code null}. */
    Position predecessor(String room) {
        return predecessors.get(room);
    }

    /** Characters held by every history together. */
    long chars() {
        return chars.get();
    }

    /** Writes every room's last position, for the next start. */
    void save() {
        if (stateFile == null) {
            return;
        }
        JsonObjectBuilder last = Json.createObjectBuilder();
        rooms.forEach((room, history) -> {
            Position position;
            synchronized (history) {
                position = history.last();
            }
            if (position != null) {
                last.add(room, position.toJson());
            }
        });
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Path temporary = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(temporary, Json.createObjectBuilder().add("rooms", last).build().toString(), StandardCharsets.UTF_8);
            Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not keep the rooms'' last positions in {0}: {1}", stateFile, e.toString());
        }
    }

    private Bound boundOf(String room) {
        for (Bound rule : rules) {
            if (rule.pattern().matcher(room).matches()) {
                return rule;
            }
        }
        return fallback;
    }

    private static Map<String, Position> load(Path stateFile) {
        if (stateFile == null || !Files.isRegularFile(stateFile)) {
            return Map.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(stateFile, StandardCharsets.UTF_8)))) {
            Map<String, Position> last = new HashMap<>();
            JsonObject rooms = reader.readObject().getJsonObject("rooms");
            for (Map.Entry<String, JsonValue> room : rooms.entrySet()) {
                Position position = Position.of(room.getValue());
                if (position != null) {
                    last.put(room.getKey(), position);
                }
            }
            return Map.copyOf(last);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the rooms'' last positions from {0}: {1}", stateFile, e.toString());
            return Map.of();
        } finally {
            forget(stateFile);
        }
    }

    /** Removes the state file once read: it tells of the run before this one only. */
    private static void forget(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove {0} after reading it: a crash of this run would recover wrongly from it: {1}",
                    stateFile, e.toString());
        }
    }

    /** The bounds of {@code switchboard.history.rules}: {@code pattern=messages/seconds;…}. */
    static List<Bound> parseRules(String rules) {
        List<Bound> parsed = new ArrayList<>();
        for (String rule : rules.split(";")) {
            if (rule.isBlank()) {
                continue;
            }
            int equals = rule.lastIndexOf('=');
            int slash = rule.lastIndexOf('/');
            if (equals <= 0 || slash < equals) {
                throw new IllegalArgumentException("expected pattern=messages/seconds, got '" + rule.strip() + "'");
            }
            try {
                parsed.add(new Bound(Pattern.compile(rule.substring(0, equals).strip()),
                        Integer.parseInt(rule.substring(equals + 1, slash).strip()),
                        Integer.parseInt(rule.substring(slash + 1).strip())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected pattern=messages/seconds, got '" + rule.strip() + "': " + e.getMessage());
            }
        }
        return parsed;
    }
}
