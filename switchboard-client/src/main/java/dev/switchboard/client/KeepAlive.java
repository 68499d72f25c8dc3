package dev.switchboard.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Mixer's keep-alive: after a quiet period the client pings, and a connection that does not answer in time
 * is replaced (the socket itself may take minutes to notice a dead peer). Ticks on the scheduler.
 */
final class KeepAlive {

    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());

    /** What the keep-alive needs of the client. */
    interface Client {
        /** The link when the client is connected, else {@code null}. */
        Link connectedLink();

        CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params, Duration timeout);
    }

    private final Client client;
    private final Duration pingAfterQuiet;
    private final Duration pingTimeout;

    KeepAlive(Client client, Duration pingAfterQuiet, Duration pingTimeout) {
        this.client = client;
        this.pingAfterQuiet = pingAfterQuiet;
        this.pingTimeout = pingTimeout;
    }

    /** How often to look: a quarter of the quiet period, at least 50 ms. */
    long tickMillis() {
        return Math.max(50, pingAfterQuiet.toMillis() / 4);
    }

    void tick() {
        Link current = client.connectedLink();
        if (current == null || current.pinging.get()) {
            return;
        }
        long quietNanos = System.nanoTime() - current.lastReceived;
        if (quietNanos < pingAfterQuiet.toNanos() || !current.pinging.compareAndSet(false, true)) {
            return;
        }
        client.internalCall(current, "ping", JsonValue.EMPTY_JSON_OBJECT, pingTimeout).whenComplete((pong, failure) -> {
            current.pinging.set(false);
            if (Resumption.unwrap(failure) instanceof CallTimeoutException) {
                LOG.log(Level.INFO, "No answer to a keep-alive ping from {0} within {1} ms; replacing the connection",
                        current.uri, pingTimeout.toMillis());
                current.abort("keep-alive ping unanswered");
            }
        });
    }
}
