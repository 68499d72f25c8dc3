package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Status;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.testkit.RawSocket;
import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Protection under load and faults on a live server, deployed with tight settings: origins, rate and
 * per-address limits, a reader that stops reading, a peer that stops answering pings, and a graceful
 * shutdown that Java clients come back from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectionIT extends OnManagedDeployment {

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("switchboard.origins", "https://app.example.com");
        SETTINGS.put("switchboard.rate.framesPerSecond", "1000");
        SETTINGS.put("switchboard.rate.burst", "1000");
        SETTINGS.put("switchboard.rate.closeAfterRefused", "30");
        SETTINGS.put("switchboard.maxConnectionsPerAddress", "40");
        SETTINGS.put("switchboard.outboundQueueFrames", "64");
        SETTINGS.put("switchboard.pingIntervalMillis", "300");
        SETTINGS.put("switchboard.pingTimeoutMillis", "5000"); // 1,500 dropped busy clients of a freshly deployed Payara (CI run, 2 cores)
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String say(String room, String message) {
        return Json.createObjectBuilder().add("type", "method").add("method", "say")
                .add("params", Json.createObjectBuilder().add("room", room).add("message", message)).build().toString();
    }

    @Test
    @Order(1)
    void deployWithTightSettings() {
        SETTINGS.forEach(ServerTools::setSystemProperty);
        deployer.deploy(MANAGED);
    }

    @Test
    @Order(2)
    void aForeignOriginIsClosedBeforeItsWelcomeOthersAreServed() {
        try (RawSocket evil = RawSocket.open(socket(), Map.of("Origin", "https://evil.example"))) {
            RawSocket.Frame first = evil.read();
            assertEquals(RawSocket.Frame.CLOSE, first.opcode(), first.text());
            assertEquals(1008, first.closeCode());
            assertEquals("origin not allowed", first.closeReason());
        }
        for (String origin : List.of("https://app.example.com", "http://127.0.0.1:" + port())) {
            try (RawSocket fine = RawSocket.open(socket(), Map.of("Origin", origin))) {
                RawSocket.Frame first = fine.read();
                assertEquals(RawSocket.Frame.TEXT, first.opcode(), origin);
                assertEquals("welcome", json(first.text()).getString("event"), origin);
            }
        }
    }

    @Test
    @Order(3)
    void aFloodIsRateLimitedThenClosedWith1008AndNobodyElseNotices() {
        try (TestClient flooder = TestClient.connect(socket()); TestClient bystander = TestClient.connect(socket())) {
            // Every ping has an id, so every frame is answered: a reply, or RATE_LIMITED (an error event) when refused.
            // Rounds of 50 (within the class's 64 queued frames) until the first refusal, then of 10 until the server
            // closes, each round after every frame of the last was answered, so that few frames are on their way when
            // the server closes: a socket closed with unread data resets the connection (RST), and the 1008 close
            // frame is lost to the client (seen on Payara when the flood went on until the close). At most 1,000 rounds.
            java.util.function.LongSupplier refusals = () -> flooder.received().stream()
                    .filter(frame -> "error".equals(frame.getString("event", ""))).count();
            java.util.function.LongSupplier answered = () -> flooder.received().stream()
                    .filter(frame -> "reply".equals(frame.getString("type", "")) || "error".equals(frame.getString("event", ""))).count();
            long sent = 0;
            for (int round = 0; round < 1000 && flooder.isOpen(); round++) {
                int size = refusals.getAsLong() == 0 ? 50 : 10;
                for (int i = 0; i < size && flooder.trySend("{\"type\":\"method\",\"id\":" + (sent + 1) + ",\"method\":\"ping\"}"); i++) {
                    sent++;
                }
                long expected = sent;
                // polled every millisecond: the bucket refills 1,000 tokens a second while a round waits
                await().atMost(TestClient.TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> !flooder.isOpen() || answered.getAsLong() >= expected);
            }
            CloseReason closed = flooder.awaitClose();
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.getCloseCode());
            assertEquals("rate limit exceeded", closed.getReasonPhrase());
            assertTrue(flooder.received().stream().anyMatch(frame -> "error".equals(frame.getString("event", ""))
                    && frame.getJsonObject("data").getString("code").equals("RATE_LIMITED")), flooder.received().toString());
            bystander.ok("ping", JsonValue.EMPTY_JSON_OBJECT);
            bystander.assertAlive();
        }
    }

    @Test
    @Order(4)
    void oneAddressHoldsAtMostItsCapOfConnections() {
        List<RawSocket> sockets = new ArrayList<>();
        try {
            int welcomed = 0;
            RawSocket.Frame refusal = null;
            for (int i = 0; i < 60 && refusal == null; i++) {
                RawSocket socket = RawSocket.open(socket(), Map.of());
                sockets.add(socket);
                RawSocket.Frame first = socket.read();
                if (first.opcode() == RawSocket.Frame.CLOSE) {
                    refusal = first;
                } else {
                    welcomed++;
                }
            }
            assertNotNull(refusal, "no refusal among 60 connections from one address");
            assertEquals(1013, refusal.closeCode());
            assertEquals("too many connections from your address", refusal.closeReason());
            assertTrue(welcomed <= 40, welcomed + " connections were welcomed");
        } finally {
            sockets.forEach(RawSocket::close);
        }
        // the next tests hold a few connections at once: wait until the 40 closes above have freed their slots (a close
        // is handled after the socket is gone; a refused connect waits a whole TIMEOUT for its welcome)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<TestClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(TestClient.connect(socket()));
                }
            } finally {
                held.forEach(TestClient::close);
            }
        });
    }

    /** Whether the client got the say event whose message starts so (without taking it from its inbox). */
    private static boolean hasSay(TestClient client, String prefix) {
        return client.received().stream().anyMatch(frame -> "say".equals(frame.getString("event", null))
                && frame.getJsonObject("data").getString("message").startsWith(prefix));
    }

    @Test
    @Order(5)
    void aReaderThatStopsIsEvictedWhileTheOthersGetEverything() {
        String room = "slow-room";
        String big = "m".repeat(60_000); // 400 of them: far more than the socket buffers and 64 queued frames hold
        try (TestClient publisher = TestClient.connectAs(socket(), "publisher");
                TestClient reader = TestClient.connect(socket());
                RawSocket stalled = RawSocket.open(socket(), Map.of(), 4096)) {
            String stalledId = json(stalled.read().text()).getJsonObject("data").getString("id");
            stalled.sendText("{\"type\":\"method\",\"method\":\"roomAdd\",\"params\":{\"room\":\"" + room + "\"}}");
            reader.ok("roomAdd", params("room", room));
            publisher.ok("roomAdd", params("room", room));
            await().atMost(TestClient.TIMEOUT).until(() -> publisher.ok("roomView", params("room", room))
                    .getInt("membersCount") == 3);
            boolean stalledOpen = true;
            for (int i = 0; i < 400; i++) {
                publisher.send(say(room, i + ":" + big));
                if (i % 20 == 19) {
                    // the two that read keep up: the publisher also gets its own 24 MB back, and a busy 2-core
                    // machine once let it fall 4 MiB behind while it sent, so the server rightly evicted it instead
                    String sent = i + ":";
                    await().atMost(TestClient.TIMEOUT).until(() -> hasSay(publisher, sent) && hasSay(reader, sent));
                }
                if (i % 10 == 0 && stalledOpen) {
                    try {
                        stalled.sendText("{\"type\":\"method\",\"method\":\"ping\"}"); // alive, just not reading
                    } catch (java.io.UncheckedIOException evicted) {
                        stalledOpen = false; // its transport was ended already: that is what this test wants to see
                    }
                }
            }
            for (int i = 0; i < 400; i++) {
                String prefix = i + ":";
                reader.awaitEvent("say", data -> data.getString("message").startsWith(prefix));
            }
            await().atMost(TestClient.TIMEOUT).until(() -> ServerTools.log().contains("Connection " + stalledId
                    + " does not read fast enough"));
            // evicted: its transport is released at once, though it still reads nothing (a close frame could never
            // reach it): Undertow's forceClose, Grizzly's terminateSilently on Payara (docs/operations.md, platform notes)
            await().atMost(TestClient.TIMEOUT).until(() -> !ServerTools.serverHoldsConnection(port(), stalled.localPort()));
            RawSocket.Frame closed = stalled.readUntilClosed(Duration.ofSeconds(30));
            if (closed != null) {
                assertEquals(1013, closed.closeCode());
                assertEquals("outbound queue full", closed.closeReason());
            }
            reader.assertAlive();
        }
    }

    @Test
    @Order(6)
    void aPeerThatStopsAnsweringPingsIsDroppedAndLeavesItsRooms() {
        String room = "keep-alive-room";
        try (TestClient observer = TestClient.connect(socket());
                RawSocket silent = RawSocket.open(socket(), Map.of())) {
            String silentId = json(silent.read().text()).getJsonObject("data").getString("id");
            observer.ok("roomAdd", params("room", room));
            silent.sendText("{\"type\":\"method\",\"method\":\"roomAdd\",\"params\":{\"room\":\"" + room + "\"}}");
            observer.awaitEvent("join", data -> data.getJsonObject("member").getString("id").equals(silentId));
            // the observer's library answers pings by itself: it stays; the silent socket never reads again
            JsonObject left = observer.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(silentId));
            assertEquals(room, left.getString("room"));
            observer.assertAlive();
            assertEquals(1, observer.ok("roomView", params("room", room)).getInt("membersCount"));
        }
    }

    @Test
    @Order(7)
    void anUndeploymentTellsClientsToComeBackAndJavaClientsDoWithoutLosingACall() throws Exception {
        try (TestClient watcher = TestClient.connect(socket());
                SwitchboardClient client = SwitchboardClient.builder(List.of(socket()))
                        .backoffFloor(Duration.ofMillis(200)).backoffCap(Duration.ofSeconds(1))
                        .callTimeout(Duration.ofSeconds(90)).build()) {
            List<JsonValue> says = new CopyOnWriteArrayList<>();
            client.on("say", says::add);
            client.boot();
            client.authToken(TestTokens.issue("returner")).get(30, TimeUnit.SECONDS);
            client.roomAdd("return-room").get(30, TimeUnit.SECONDS);

            deployer.undeploy(MANAGED);
            JsonObject end = watcher.awaitEvent("end");
            assertTrue(end.getBoolean("reconnect"), end.toString());
            long retryAfter = end.getJsonNumber("retryAfterMs").longValue();
            assertTrue(retryAfter >= 1000 && retryAfter <= 2000, end.toString());
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, watcher.awaitClose().getCloseCode());

            List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(client.say("return-room", "while away " + i));
            }
            deployer.deploy(MANAGED);
            for (CompletableFuture<JsonObject> call : calls) {
                call.get(90, TimeUnit.SECONDS);
            }
            await().atMost(TestClient.TIMEOUT).until(() -> says.size() >= 10);
            List<String> messages = says.stream().map(say -> say.asJsonObject().getString("message")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("while away " + i);
            }
            assertEquals(expected, messages, "every call once, in order");
            assertEquals(Status.CONNECTED, client.status());
        } finally {
            deployer.undeploy(MANAGED);
            SETTINGS.keySet().forEach(ServerTools::removeSystemProperty);
        }
    }
}
