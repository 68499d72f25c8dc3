package dev.switchboard.it;

import dev.switchboard.events.Authenticated;
import dev.switchboard.events.Connected;
import dev.switchboard.events.Disconnected;
import dev.switchboard.events.Joined;
import dev.switchboard.events.Left;
import dev.switchboard.events.Said;
import dev.switchboard.events.Told;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application's observers of Switchboard's CDI events, for {@code ServerApiIT}: every event as a line
 * ({@code kind connection room/user}), in the order delivered, and the thread each ran on; {@code @ObservesAsync}
 * of {@link Said} counted apart. An observer that throws ({@link Thrower}) comes after it and changes nothing.
 */
@ApplicationScoped
public class EventLog {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger saidAsync = new AtomicInteger();

    private void add(String line) {
        lines.add(line);
        threads.add(Thread.currentThread().getName());
    }

    void connected(@Observes @Priority(100) Connected event) {
        add("connected " + event.connectionId());
    }

    void authenticated(@Observes @Priority(100) Authenticated event) {
        add("authenticated " + event.connectionId() + " " + event.user());
    }

    void joined(@Observes @Priority(100) Joined event) {
        add("joined " + event.connectionId() + " " + event.room());
    }

    void left(@Observes @Priority(100) Left event) {
        add("left " + event.connectionId() + " " + event.room());
    }

    void said(@Observes @Priority(100) Said event) {
        add("said " + event.room() + " " + event.event() + " " + event.messageId() + " " + event.position().offset());
    }

    void saidLater(@ObservesAsync Said event) {
        saidAsync.incrementAndGet();
    }

    void told(@Observes @Priority(100) Told event) {
        add("told " + event.to() + " " + event.event());
    }

    void disconnected(@Observes @Priority(100) Disconnected event) {
        add("disconnected " + event.connectionId());
    }

    JsonObject asJson() {
        JsonArrayBuilder all = Json.createArrayBuilder(lines);
        return Json.createObjectBuilder().add("events", all).add("threads", Json.createArrayBuilder(threads))
                .add("saidAsync", saidAsync.get()).build();
    }

    /** An observer that fails every time, after the log's. */
    @ApplicationScoped
    public static class Thrower {
        void said(@Observes @Priority(2000) Said event) {
            throw new IllegalStateException("an observer that fails");
        }

        void connected(@Observes @Priority(2000) Connected event) {
            throw new IllegalStateException("an observer that fails");
        }
    }
}
