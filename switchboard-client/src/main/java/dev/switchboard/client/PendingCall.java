package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One call on its way: spooled, queued on a link, sent, then answered, failed or timed out. */
final class PendingCall {
    /** The methods whose {@code key} the server honours. */
    static final java.util.Set<String> KEYED_METHODS = java.util.Set.of("say", "tell");

    /** Its id, or {@code null} for a call that awaits no reply. */
    final Long id;
    final String method;
    final JsonObject params;
    /** The frame, written by the link's encoder ({@code FrameEncoder}) each time it is sent. */
    final Call frame;
    /** Made by the client itself (replay, keep-alive): never spooled, fails with its link. */
    final boolean internal;
    /**
     * A publishing call with an idempotency key ({@code say} or {@code tell} with {@code key}): sent again with the same
     * key on the next connection instead of failing when its connection drops, since the server answers a repeat with the
     * original's reply and sends nothing twice.
     */
    final boolean keyed;
    final CompletableFuture<JsonValue> future = new CompletableFuture<>();
    volatile boolean sent;
    volatile ScheduledFuture<?> timer;

    PendingCall(Long id, Call frame, boolean internal) {
        this.id = id;
        this.method = frame.method();
        this.params = frame.params();
        this.frame = frame;
        this.internal = internal;
        this.keyed = !internal && id != null && KEYED_METHODS.contains(method) && params != null
                && params.get("key") instanceof jakarta.json.JsonString;
    }

    /** Fails it with this exception, its deadline cancelled. */
    void fail(Throwable failure) {
        cancelTimer();
        future.completeExceptionally(failure);
    }

    void cancelTimer() {
        ScheduledFuture<?> current = timer;
        if (current != null) {
            current.cancel(false);
        }
    }
}
