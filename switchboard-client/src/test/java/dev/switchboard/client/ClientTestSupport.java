package dev.switchboard.client;

import static org.awaitility.Awaitility.await;

import dev.switchboard.server.InProcessServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Clients with short back-off against in-process servers, and timed waits. */
final class ClientTestSupport {

    static final Duration WAIT = Duration.ofSeconds(15);

    private ClientTestSupport() {
    }

    static SwitchboardClient.Builder client(InProcessServer... servers) {
        return SwitchboardClient.builder(java.util.Arrays.stream(servers).map(InProcessServer::uri).toList())
                .backoffFloor(Duration.ofMillis(20)).backoffCap(Duration.ofMillis(200)).random(new Random(1));
    }

    static SwitchboardClient.Builder client(List<URI> addresses) {
        return SwitchboardClient.builder(addresses).backoffFloor(Duration.ofMillis(20)).backoffCap(Duration.ofMillis(200))
                .random(new Random(1));
    }

    static void until(BooleanSupplier condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exception a future failed with, failing the test if it succeeded or did not end in time. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
