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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The product's own client never trips the product's own limits: 2,000 says called in a loop, without waiting, against
 * the server's defaults (200 frames a second, a burst of 400, closed after 200 refusals) all complete — the client
 * paces its frames to the limits the server announces in {@code welcome} — and the room hears each once, in order.
 */
class BurstIT extends OnOneServer {

    private static final int CALLS = 2_000;
    private static final Duration LONG = Duration.ofMinutes(3);

    @Test
    void aBurstOfTwoThousandSaysCompletesWithoutARefusalOrAClose() throws Exception {
        try (SwitchboardClient client = SwitchboardClient.builder(List.of(socket())).callTimeout(LONG).build()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            AtomicInteger closes = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.on("say", data -> heard.add(data.asJsonObject().getString("message")));
            client.onClosed(reason -> closes.incrementAndGet());
            client.onError(errors::add);
            List<String> refusals = new CopyOnWriteArrayList<>(); // the server's error events: a frame over the rate, unread
            client.on("error", data -> refusals.add(data.toString()));
            client.boot();
            client.authToken(TestTokens.issue("burster")).get(60, TimeUnit.SECONDS);
            JsonObject welcome = client.detailsView().get(60, TimeUnit.SECONDS);
            assertTrue(welcome.getJsonObject("limits").getInt("framesPerSecond") > 0, "the server tells its limits: " + welcome);
            client.roomAdd("burst-room").get(60, TimeUnit.SECONDS);

            long started = System.nanoTime();
            List<CompletableFuture<JsonObject>> calls = new ArrayList<>(CALLS);
            for (int i = 0; i < CALLS; i++) {
                calls.add(client.say("burst-room", "burst-" + i));
            }
            int acknowledged = 0;
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<JsonObject> call : calls) {
                try {
                    call.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
                    acknowledged++;
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString());
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(List.of(), failures.stream().distinct().toList(), "no call failed");
            assertEquals(CALLS, acknowledged);
            await().atMost(LONG).until(() -> heard.size() >= CALLS);
            List<String> expected = new ArrayList<>(CALLS);
            for (int i = 0; i < CALLS; i++) {
                expected.add("burst-" + i);
            }
            assertEquals(expected, heard, "every say once, in the order it was called");
            assertEquals(0, closes.get(), "never closed for flooding");
            assertEquals(List.of(), errors);
            assertEquals(List.of(), refusals, "no frame refused for the rate");
            assertEquals(Status.CONNECTED, client.status());
            System.out.println("[measure] " + ServerTools.server() + ": " + CALLS + " says called at once by the Java client: " + acknowledged
                    + " acknowledged in " + millis + " ms, 0 refused, 0 closes");
        }
    }
}
