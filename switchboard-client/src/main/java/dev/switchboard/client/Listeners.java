package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.Frame;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Who listens to what: server events by name and the client's own happenings. A failing listener is logged, never thrown. */
final class Listeners {

    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());

    private final Map<String, List<Consumer<JsonValue>>> events = new ConcurrentHashMap<>();
    final List<Runnable> connected = new CopyOnWriteArrayList<>();
    final List<Consumer<CloseReason>> closed = new CopyOnWriteArrayList<>();
    final List<Consumer<Throwable>> errors = new CopyOnWriteArrayList<>();
    final List<Consumer<Frame>> packets = new CopyOnWriteArrayList<>();
    final List<Consumer<Call>> sent = new CopyOnWriteArrayList<>();
    final List<Consumer<Call>> spooled = new CopyOnWriteArrayList<>();
    final List<BiConsumer<Duration, URI>> reconnecting = new CopyOnWriteArrayList<>();

    Subscription onEvent(String event, Consumer<JsonValue> listener) {
        return add(events.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()), listener);
    }

    /** Tells the listeners of this event (a server event, or {@link SwitchboardClient#REJOINED}). */
    void event(String event, JsonValue data) {
        List<Consumer<JsonValue>> listeners = events.get(event);
        if (listeners != null) {
            fire(listeners, listener -> listener.accept(data));
        }
    }

    void error(Throwable failure) {
        fire(errors, listener -> listener.accept(failure));
    }

    static <T> Subscription add(List<T> listeners, T listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    static <T> void fire(List<T> listeners, Consumer<T> action) {
        for (T listener : listeners) {
            try {
                action.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A Switchboard client listener failed", e);
            }
        }
    }
}
