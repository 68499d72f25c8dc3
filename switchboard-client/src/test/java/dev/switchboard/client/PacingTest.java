package dev.switchboard.client;

import static dev.switchboard.client.ClientTestSupport.client;
import static dev.switchboard.client.ClientTestSupport.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.server.InProcessServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst far over a server's rate, against a server that answers faster than its limit: the client paces its frames
 * to the limits the {@code welcome} announced, so every call completes and nothing is refused or closed. Without the
 * pace the server refuses most of the burst and closes the connection for flooding.
 */
class PacingTest {

    private static final int CALLS = 300;

    private final InProcessServer server = InProcessServer.start(Map.of("switchboard.rate.framesPerSecond", "100",
            "switchboard.rate.burst", "20", "switchboard.rate.closeAfterRefused", "10"));
    private final List<SwitchboardClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(SwitchboardClient::close);
        server.close();
    }

    @Test
    void aBurstOverTheServersRateCompletesPacedWithoutARefusalOrAClose() throws Exception {
        SwitchboardClient client = client(server).callTimeout(Duration.ofMinutes(1)).build();
        clients.add(client);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger closes = new AtomicInteger();
        List<String> heard = new CopyOnWriteArrayList<>();
        client.onError(errors::add);
        List<String> refusals = new CopyOnWriteArrayList<>(); // the server's error events: a frame over the rate, unread
        client.on("error", data -> refusals.add(data.toString()));
        client.onClosed(reason -> closes.incrementAndGet());
        client.on("say", data -> heard.add(data.asJsonObject().getString("message")));
        client.boot();
        client.roomAdd("paced").get(15, TimeUnit.SECONDS);
        JsonObject limits = client.detailsView().get(15, TimeUnit.SECONDS).getJsonObject("limits");
        assertEquals(100, limits.getInt("framesPerSecond"));
        assertEquals(20, limits.getInt("burst"));

        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.say("paced", "n" + i));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<JsonObject> call : calls) {
            try {
                call.get(1, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                failures.add(e.getCause().toString());
            }
        }
        assertEquals(List.of(), failures.stream().distinct().toList());
        until(() -> heard.size() >= CALLS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            expected.add("n" + i);
        }
        assertEquals(expected, heard);
        assertEquals(List.of(), errors);
        assertEquals(List.of(), refusals, "no frame refused for the rate");
        assertEquals(0, closes.get());
        assertEquals(Status.CONNECTED, client.status());
    }
}
