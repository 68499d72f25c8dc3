package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Status;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.testkit.OnOneServer;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java client across a restart of the real server it is on: a stream of calls made before, during
 * and after the restart completes with nothing lost, nothing duplicated, and the room re-joined.
 * Prints the time from the start of the restart to the client being re-joined.
 */
class ClientRestartIT extends OnOneServer {

    private static final Duration LONG = Duration.ofMinutes(4);

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aStreamOfCallsSurvivesAServerRestart() throws Exception {
        try (SwitchboardClient client = SwitchboardClient.builder(List.of(socket()))
                .backoffFloor(Duration.ofMillis(250)).backoffCap(Duration.ofSeconds(2)).callTimeout(LONG).build()) {
            List<JsonValue> says = new CopyOnWriteArrayList<>();
            List<Long> connectedAt = new CopyOnWriteArrayList<>();
            client.on("say", says::add);
            client.onConnected(() -> connectedAt.add(System.nanoTime()));
            client.boot();
            get(client.authToken(TestTokens.issue("restarter")));
            get(client.roomAdd("restart-room"));
            String before = get(client.detailsView()).getString("id");

            List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(client.say("restart-room", "before-" + i));
            }
            for (CompletableFuture<JsonObject> call : calls) {
                get(call);
            }
            long restartedAt = System.nanoTime();
            CompletableFuture<Void> restart = CompletableFuture.runAsync(ServerTools::restart);
            await().atMost(LONG).until(() -> client.status() == Status.CONNECTING || restart.isDone());
            for (int i = 0; i < 50; i++) {
                calls.add(client.say("restart-room", "during-" + i));
            }
            restart.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(LONG).until(() -> connectedAt.size() >= 2); // a slow restart may welcome it more than once
            long rejoinedMillis = TimeUnit.NANOSECONDS.toMillis(connectedAt.get(1) - restartedAt);
            System.out.println("[measure] " + ServerTools.server() + ": client re-joined " + rejoinedMillis
                    + " ms after the restart began");
            for (int i = 0; i < 50; i++) {
                calls.add(client.say("restart-room", "after-" + i));
            }
            for (CompletableFuture<JsonObject> call : calls) {
                get(call);
            }
            await().atMost(LONG).until(() -> says.size() >= 150);
            List<String> expected = new ArrayList<>();
            for (String phase : List.of("before", "during", "after")) {
                for (int i = 0; i < 50; i++) {
                    expected.add(phase + "-" + i);
                }
            }
            assertEquals(expected, says.stream().map(s -> s.asJsonObject().getString("message")).toList());
            JsonObject view = get(client.roomView("restart-room"));
            String after = get(client.detailsView()).getString("id");
            assertTrue(!before.equals(after), "a new connection after the restart");
            assertEquals(1, view.getInt("membersCount"));
            assertEquals(after, view.getJsonArray("members").getJsonObject(0).getString("id"));
        }
    }
}
