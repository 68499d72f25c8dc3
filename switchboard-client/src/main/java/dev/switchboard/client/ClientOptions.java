package dev.switchboard.client;

import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * How a client connects, retries and waits: one immutable value, made by {@link SwitchboardClient.Builder}
 * (every option, its default and what it does: {@code docs/client.md}).
 *
 * @param container the WebSocket client container, or {@code null} for the shared one
 * @param scheduler where timers, reconnects and sends run, or {@code null} for the client's own threads
 * @param tokens fresh tokens for a token that expires, or {@code null}: none
 */
record ClientOptions(List<URI> addresses, Duration backoffFloor, Duration backoffCap, int maxAttempts, int spoolSize,
        Duration callTimeout, Duration pingAfterQuiet, Duration pingTimeout, Duration connectTimeout,
        WebSocketContainer container, ScheduledExecutorService scheduler, Random random, Supplier<CompletionStage<String>> tokens) {

    ClientOptions {
        addresses = List.copyOf(addresses);
        if (spoolSize < 0 || maxAttempts < 0) {
            throw new IllegalArgumentException("expected spoolSize and maxAttempts >= 0");
        }
        for (Duration d : List.of(callTimeout, pingAfterQuiet, pingTimeout, connectTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("expected positive durations, got " + d);
            }
        }
    }
}
