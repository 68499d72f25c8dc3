package dev.switchboard.client;

import static dev.switchboard.client.ClientTestSupport.client;
import static dev.switchboard.client.ClientTestSupport.failure;
import static dev.switchboard.client.ClientTestSupport.get;
import static dev.switchboard.client.ClientTestSupport.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.switchboard.server.InProcessServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fail-over, restarts, re-auth, re-join, lost calls and keep-alive, against servers the test kills and restarts. */
class ReconnectTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(0, closeable);
        return closeable;
    }

    private static List<String> messages(List<JsonValue> says) {
        return says.stream().map(s -> s.asJsonObject().getString("message")).toList();
    }

    @Test
    void aStreamOfCallsSurvivesARestartNothingLostNothingDuplicatedRoomsRejoined() {
        InProcessServer server = InProcessServer.start();
        int port = server.port();
        SwitchboardClient client = track(client(server).build().boot());
        List<JsonValue> says = new CopyOnWriteArrayList<>();
        client.on("say", says::add);
        List<String> states = new CopyOnWriteArrayList<>();
        client.onConnected(() -> states.add("connected"));
        client.onReconnecting((delay, address) -> states.add("reconnecting"));
        get(client.auth("alice", "secret"));
        get(client.roomAdd("stream"));

        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(client.say("stream", "before-" + i));
        }
        calls.forEach(ClientTestSupport::get);
        server.close();
        until(() -> client.status() == Status.CONNECTING);
        for (int i = 0; i < 50; i++) {
            calls.add(client.say("stream", "during-" + i));
        }
        InProcessServer restarted = track(InProcessServer.start(port));
        for (int i = 0; i < 50; i++) {
            calls.add(client.say("stream", "after-" + i));
        }
        calls.forEach(ClientTestSupport::get);
        until(() -> says.size() == 150);
        List<String> expected = new ArrayList<>();
        for (String phase : List.of("before", "during", "after")) {
            for (int i = 0; i < 50; i++) {
                expected.add(phase + "-" + i);
            }
        }
        assertEquals(expected, messages(says));
        assertEquals(1, restarted.roomView("stream").orElseThrow().membersCount(), "rooms re-joined on the new server");
        assertEquals("connected", states.get(0));
        assertEquals("reconnecting", states.get(1));
        assertEquals("connected", states.get(states.size() - 1));
        assertEquals(2, states.stream().filter("connected"::equals).count(), states.toString());
        assertEquals(Status.CONNECTED, client.status());
    }

    @Test
    void failsOverToTheNextAddressAndRejoinsThere() {
        InProcessServer a = InProcessServer.start();
        InProcessServer b = InProcessServer.start();
        SwitchboardClient client = track(client(a, b).build().boot());
        get(client.roomAdd("fail-over"));
        InProcessServer first = a.connectionCount() == 1 ? a : b;
        InProcessServer second = first == a ? b : a;
        track(second);
        List<URI> reconnectingTo = new CopyOnWriteArrayList<>();
        client.onReconnecting((delay, address) -> reconnectingTo.add(address));
        first.close();
        until(() -> second.roomView("fail-over").isPresent());
        assertEquals(second.uri(), reconnectingTo.get(0));
        List<JsonValue> says = new CopyOnWriteArrayList<>();
        client.on("say", says::add);
        get(client.say("fail-over", "still here"));
        until(() -> says.size() == 1);
    }

    @Test
    void aCallSentAndUnansweredWhenTheConnectionDropsFailsAndIsNeverSentAgain() {
        InProcessServer server = track(InProcessServer.start());
        SwitchboardClient client = track(client(server).build().boot());
        get(client.ping());
        Throwable lost = failure(client.call("drop", JsonValue.EMPTY_JSON_OBJECT));
        assertInstanceOf(ConnectionLostException.class, lost);
        until(client::isConnected);
        get(client.ping());
        assertEquals(1, server.drops());
    }

    @Test
    void refusedReauthenticationAbortsWithAuthenticationFailed() {
        InProcessServer server = InProcessServer.start();
        int port = server.port();
        SwitchboardClient client = track(client(server).build().boot());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        client.onError(errors::add);
        get(client.auth("alice", "secret"));
        server.close();
        InProcessServer restarted = track(InProcessServer.start(port));
        restarted.refuseAuth(true);
        until(() -> errors.stream().anyMatch(AuthenticationFailedException.class::isInstance));
        assertEquals(Status.ABORTED, client.status());
        assertInstanceOf(ClientClosedException.class, failure(client.ping()));
    }

    @Test
    void aSilentServerIsDetectedByTheKeepAliveAndReplaced() {
        InProcessServer a = InProcessServer.start();
        InProcessServer b = InProcessServer.start();
        track(a);
        track(b);
        SwitchboardClient client = track(client(a, b).pingAfterQuiet(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(200)).build().boot());
        get(client.roomAdd("alive"));
        InProcessServer first = a.connectionCount() == 1 ? a : b;
        InProcessServer second = first == a ? b : a;
        first.mute(true);
        until(() -> second.roomView("alive").isPresent());
        until(client::isConnected);
        get(client.ping());
    }

    @Test
    void theServersEndEventSetsTheWaitBeforeTheNextReconnect() {
        InProcessServer server = InProcessServer.start();
        int port = server.port();
        SwitchboardClient client = track(client(server).build().boot());
        get(client.ping());
        List<Duration> waits = new CopyOnWriteArrayList<>();
        client.onReconnecting((delay, address) -> waits.add(delay));
        server.sendToAll("{\"type\":\"event\",\"event\":\"end\",\"data\":{\"reconnect\":true,\"retryAfterMs\":1234}}");
        get(client.ping()); // the end event came before this reply
        server.close();
        until(() -> !waits.isEmpty());
        assertEquals(Duration.ofMillis(1234), waits.get(0));
        track(InProcessServer.start(port));
        until(client::isConnected);
    }

    @Test
    void aHandshakeThatHangsIsAbandonedAfterTheConnectTimeout() throws Exception {
        InProcessServer real = track(InProcessServer.start());
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accept, never answer: a server that is half up
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            URI hole = URI.create("ws://127.0.0.1:" + blackHole.getLocalPort() + "/switchboard/socket");
            int seed = 0;
            while (new java.util.Random(seed).nextInt(2) != 0) {
                seed++;
            }
            SwitchboardClient client = track(SwitchboardClient.builder(List.of(hole, real.uri()))
                    .backoffFloor(Duration.ofMillis(20)).backoffCap(Duration.ofMillis(200))
                    .connectTimeout(Duration.ofMillis(500)).random(new java.util.Random(seed)).build());
            List<URI> reconnectingTo = new CopyOnWriteArrayList<>();
            client.onReconnecting((delay, address) -> reconnectingTo.add(address));
            client.boot();
            until(client::isConnected);
            assertEquals(real.uri(), reconnectingTo.get(0), "started on the black hole, moved on");
            until(() -> !held.isEmpty());
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * A handshake blocks its thread until the server answers; it must not hold the scheduler the clients share, or
     * one hanging handshake (a thousand at a fail-over) stops every other client's connects, writes and timers.
     */
    @Test
    void aHandshakeThatHangsDoesNotHoldUpAnotherClientOnTheSameScheduler() throws Exception {
        InProcessServer real = track(InProcessServer.start());
        java.util.concurrent.ScheduledExecutorService one = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        track(one::shutdownNow);
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accept, never answer
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            URI hole = URI.create("ws://127.0.0.1:" + blackHole.getLocalPort() + "/switchboard/socket");
            SwitchboardClient stuck = track(SwitchboardClient.builder(List.of(hole)).scheduler(one)
                    .connectTimeout(Duration.ofMinutes(5)).build());
            stuck.boot();
            until(() -> !held.isEmpty()); // its handshake is under way, and will not end by itself within the test
            SwitchboardClient other = track(client(real).scheduler(one).build());
            other.boot();
            assertNotNull(get(other.ping()), "the other client connected and was answered meanwhile");
            assertEquals(Status.CONNECTING, stuck.status());
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWhenNoServerAnswers() {
        int port = InProcessServer.freePort();
        SwitchboardClient client = track(client(List.of(URI.create("ws://127.0.0.1:" + port + "/switchboard/socket")))
                .maxAttempts(3).build());
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        client.onError(errors::add);
        CompletableFuture<JsonObject> spooled = client.ping();
        client.boot();
        until(() -> client.status() == Status.ABORTED);
        assertInstanceOf(ClientClosedException.class, failure(spooled));
        until(() -> !errors.isEmpty()); // the status turns ABORTED before the error listeners are called
        assertEquals(1, errors.size(), errors::toString);
    }

    @Test
    void manyClientsRejoinAfterARestart() {
        InProcessServer server = InProcessServer.start();
        int port = server.port();
        List<SwitchboardClient> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SwitchboardClient client = track(client(server).build().boot());
            many.add(client);
        }
        for (SwitchboardClient client : many) {
            get(client.roomAdd("crowd"));
        }
        until(() -> server.roomView("crowd").map(v -> v.membersCount() == 20).orElse(false));
        server.close();
        InProcessServer restarted = track(InProcessServer.start(port));
        try {
            until(() -> restarted.roomView("crowd").map(v -> v.membersCount() == 20).orElse(false));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("members " + restarted.roomView("crowd").map(v -> v.membersCount()) + ", connections "
                    + restarted.connectionCount() + ", statuses " + many.stream().map(SwitchboardClient::status).toList(), e);
        }
        Set<String> ids = restarted.roomView("crowd").orElseThrow().members().stream()
                .map(m -> m.id()).collect(Collectors.toSet());
        assertEquals(20, ids.size());
    }
}
