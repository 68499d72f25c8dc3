package dev.switchboard.security;

import dev.switchboard.config.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The revocations this node knows: made through the operators' API on any node (every node learns each, and a node
 * that starts learns them from the others' snapshots), kept in a file across restarts, each forgotten when the tokens
 * it covers have expired anyway. At most {@value #MAX} are kept; beyond, a new one is refused rather than an old one
 * dropped. Thread-safe; checks are a scan of a copy-on-write list (revocations are few and checked at {@code auth}).
 */
@ApplicationScoped
public class Revocations {

    /** How many revocations a node keeps at most. */
    public static final int MAX = 10_000;
    private static final Logger LOG = System.getLogger(Revocations.class.getName());

    private Clock clock;
    private Path file;
    private volatile List<Revocation> current = List.of();

    /** For the container's proxy. */
    protected Revocations() {
    }

    @Inject
    public Revocations(AuthSettings settings) {
        this(settings.revocationsFile().orElse(null), Clock.systemUTC());
    }

    /** @param file where they are kept across restarts, or {@code null} for nowhere */
    public Revocations(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.current = load(file, clock.instant());
    }

    /**
     * Adds a revocation; false when it was known already (every node hears of each once from the bus, and again in
     * snapshots).
     *
     * @throws IllegalStateException when {@value #MAX} are kept already
     */
    public synchronized boolean add(Revocation revocation) {
        Instant now = clock.instant();
        if (revocation.expired(now) || current.contains(revocation)) {
            return false;
        }
        List<Revocation> kept = new ArrayList<>(current.size() + 1);
        current.stream().filter(known -> !known.expired(now)).forEach(kept::add);
        if (kept.size() >= MAX) {
            throw new IllegalStateException("this node keeps " + MAX + " revocations already");
        }
        kept.add(revocation);
        current = List.copyOf(kept);
        save();
        return true;
    }

    /** The revocation that covers what proved this identity, if any. */
    public Optional<Revocation> of(Identity identity) {
        Instant now = clock.instant();
        for (Revocation revocation : current) {
            if (!revocation.expired(now) && revocation.covers(identity)) {
                return Optional.of(revocation);
            }
        }
        return Optional.empty();
    }

    /** The revocations in force. */
    public List<Revocation> current() {
        Instant now = clock.instant();
        return current.stream().filter(revocation -> !revocation.expired(now)).toList();
    }

    private void save() {
        if (file == null) {
            return;
        }
        JsonArrayBuilder all = Json.createArrayBuilder();
        current.forEach(revocation -> all.add(revocation.toJson()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, all.build().toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not keep the revocations in {0} (they hold until this node restarts): {1}", file, e.toString());
        }
    }

    private static List<Revocation> load(Path file, Instant now) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            JsonArray all = reader.readArray();
            List<Revocation> loaded = new ArrayList<>();
            for (JsonValue value : all) {
                Revocation revocation = Revocation.fromJson((JsonObject) value);
                if (!revocation.expired(now)) {
                    loaded.add(revocation);
                }
            }
            return List.copyOf(loaded);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Could not read the revocations in {0}: {1}; tokens revoked before are accepted again here"
                    + " until another node''s snapshot brings them", file, e.toString());
            return List.of();
        }
    }
}
