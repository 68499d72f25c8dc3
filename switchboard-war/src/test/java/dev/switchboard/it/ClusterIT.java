package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.Status;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.ClusterKit;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly nodes (no sticky sessions, no shared state but the broker) on one external Artemis:
 * room traffic, presence and direct messages span the nodes; a node that crashes takes its members
 * with it; a Java client fails over. The steps share the cluster and run in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final URI A = URI.create("ws://127.0.0.1:8280/switchboard/socket");
    private static final URI B = URI.create("ws://127.0.0.1:8380/switchboard/socket");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Process broker;
    private static final List<TestClient> clients = new ArrayList<>();

    @Deployment(name = "a", managed = false, testable = false)
    @TargetsContainer("node-a")
    static WebArchive onA() {
        return Deployments.switchboard();
    }

    @Deployment(name = "b", managed = false, testable = false)
    @TargetsContainer("node-b")
    static WebArchive onB() {
        return Deployments.switchboard();
    }

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    @BeforeAll
    static void startBroker() {
        ClusterKit.prepareNode("node-a");
        ClusterKit.prepareNode("node-b");
        ClusterKit.addUser("node-a", "ops", OPS_PASSWORD, "switchboard-admin");
        ClusterKit.addUser("node-b", "ops", OPS_PASSWORD, "switchboard-admin");
        ClusterKit.addUser("node-a", "svc", OPS_PASSWORD, "switchboard-publisher");
        ClusterKit.addUser("node-b", "svc", OPS_PASSWORD, "switchboard-publisher");
        broker = ClusterKit.startBroker();
    }

    @AfterAll
    static void stopEverything() {
        clients.forEach(TestClient::close);
        for (String node : List.of("node-a", "node-b")) {
            ClusterKit.nodeProcess(node).ifPresent(ProcessHandle::destroyForcibly);
        }
        ClusterKit.stop(broker);
    }

    private static final int STREAM = 150;

    private static TestClient connect(URI node) {
        TestClient client = TestClient.connectAs(node, "client-" + clients.size());
        clients.add(client);
        return client;
    }

    @Test
    @Order(1)
    void bothNodesStartOnTheSharedBroker() {
        controller.start("node-a");
        controller.start("node-b");
        deployer.deploy("a");
        deployer.deploy("b");
        connect(A).assertAlive();
        connect(B).assertAlive();
    }

    @Test
    @Order(2)
    void aSayOnOneNodeReachesTheMembersOnBothExactlyOnce() {
        List<TestClient> members = List.of(connect(A), connect(A), connect(B), connect(B));
        Chatter.joinEverywhere("span", members, WAIT);
        JsonObject said = members.get(0).ok("say", Json.createObjectBuilder().add("room", "span").add("message", "hello").build());
        JsonObject second = members.get(2).ok("say", Json.createObjectBuilder().add("room", "span").add("message", "again").build());
        for (TestClient member : members) {
            JsonObject first = member.awaitEvent("say", data -> data.getString("messageId").equals(said.getString("messageId")));
            assertEquals(members.get(0).id(), first.getJsonObject("from").getString("id"));
            member.awaitEvent("say", data -> data.getString("messageId").equals(second.getString("messageId")));
            assertTrue(member.received().stream().noneMatch(f -> "say".equals(f.getString("event", null))),
                    () -> "a duplicate: " + member.received());
        }
    }

    @Test
    @Order(3)
    void concurrentPublishersOnBothNodesGiveEveryMemberOneOrder() throws InterruptedException {
        List<TestClient> members = List.of(connect(A), connect(A), connect(B), connect(B), connect(A), connect(B));
        Chatter.joinEverywhere("order", members, WAIT);
        int perPublisher = 100;
        Chatter.sayConcurrently(members.subList(0, 4), "order", perPublisher);
        Chatter.assertOneOrder(members, 4 * perPublisher);
    }

    /**
     * One message at a time from a member on A to a member on B (publisher's send to receiver's
     * receipt, one clock): printed as a figure, never asserted.
     */
    @Test
    @Order(4)
    void crossNodeLatencyOfOneMessageIsMeasured() {
        TestClient sender = connect(A);
        TestClient receiver = connect(B);
        Chatter.joinEverywhere("latency", List.of(sender, receiver), WAIT);
        int rounds = 200;
        long[] micros = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String text = "m" + i;
            long start = System.nanoTime();
            sender.sendCall("say", Json.createObjectBuilder().add("room", "latency").add("message", text).build());
            receiver.awaitEvent("say", data -> text.equals(data.getString("message")));
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.println("[measure] cluster: one say from node A to a member on node B, " + rounds
                + " sequential: p50 " + micros[rounds / 2] / 1000.0 + " ms, p99 " + micros[rounds * 99 / 100] / 1000.0
                + " ms, max " + micros[rounds - 1] / 1000.0 + " ms");
    }

    /**
     * A client on B that asks for presence diffs hears the joins and leaves made on both nodes in {@code presenceDiff}
     * frames only, all of them, in the order a client on B that did not ask hears them one by one.
     */
    @Test
    @Order(5)
    void presenceDiffsCarryTheJoinsAndLeavesOfBothNodesInTheRoomsOrder() {
        TestClient plain = connect(B);
        TestClient differ = connect(URI.create(B + "?presence=diff"));
        Chatter.joinEverywhere("diffs", List.of(plain, differ), WAIT);
        List<TestClient> joiners = List.of(connect(A), connect(A), connect(B), connect(A));
        for (TestClient joiner : joiners) {
            joiner.ok("roomAdd", params("room", "diffs"));
        }
        joiners.get(3).ok("roomLeave", params("room", "diffs"));
        List<String> expected = new ArrayList<>();
        joiners.forEach(joiner -> expected.add("join " + joiner.id()));
        expected.add("leave " + joiners.get(3).id());
        for (TestClient client : List.of(plain, differ)) {
            await().atMost(WAIT).until(() -> Chatter.presence(client.received()).containsAll(expected));
        }
        List<String> plainHeard = Chatter.presence(plain.received());
        List<String> heard = Chatter.presence(differ.received());
        String first = expected.get(0);
        assertEquals(plainHeard.subList(plainHeard.indexOf(first), plainHeard.size()), heard.subList(heard.indexOf(first), heard.size()));
        assertTrue(differ.received().stream().anyMatch(frame -> "presenceDiff".equals(frame.getString("event", null))));
        assertTrue(differ.received().stream().noneMatch(frame -> Set.of("join", "leave").contains(frame.getString("event", ""))),
                () -> "a join or leave on its own: " + differ.received());
    }

    @Test
    @Order(6)
    void roomViewAndTellSpanTheNodes() {
        TestClient onA = connect(A);
        TestClient onB = connect(B);
        Chatter.joinEverywhere("view", List.of(onA, onB), WAIT);
        assertEquals(Set.of(onA.id(), onB.id()), Set.copyOf(Chatter.memberIds(onA, "view")));
        await().atMost(WAIT).until(() -> onA.call("tell", Json.createObjectBuilder().add("to", onB.id())
                .add("message", "across").build()).isNull("error"));
        assertEquals("across", onB.awaitEvent("tell").getString("message"));
        assertEquals("NOT_FOUND", onA.errorOf("tell", Json.createObjectBuilder().add("to", "nobody").add("message", 1).build()));
    }

    /**
     * The operators' side spans the nodes too: whichever node takes a request, the room list counts
     * every node's members, an alert reaches the room on both, a disconnect finds the connection on the
     * other node; both are ready on the JMS link, and their metrics show the cluster traffic and its lag.
     */
    @Test
    @Order(7)
    void theAdminApiHealthAndMetricsSpanTheNodes() {
        TestClient onA = connect(A);
        TestClient onB = connect(B);
        TestClient leaving = connect(A);
        Chatter.joinEverywhere("ops", List.of(onA, onB, leaving), WAIT);
        await().atMost(WAIT).until(() -> Http.send("GET", Http.onNode(B, "api/admin/rooms"), OPS, null).body()
                .contains("{\"room\":\"ops\",\"membersCount\":3}"));
        // the nodes of the cluster, from the heartbeats: B first (it answers), then A with its two connections
        await().atMost(WAIT).until(() -> {
            jakarta.json.JsonObject nodes = jakarta.json.Json.createReader(new java.io.StringReader(
                    Http.send("GET", Http.onNode(B, "api/admin/nodes"), OPS, null).body())).readObject();
            jakarta.json.JsonArray list = nodes.getJsonArray("nodes");
            return nodes.getInt("count") == 2 && list.getJsonObject(0).getBoolean("self") && !list.getJsonObject(1).getBoolean("self")
                    && list.getJsonObject(1).getInt("connections") >= 2 && list.getJsonObject(1).getInt("rooms") >= 1
                    && !list.getJsonObject(1).getBoolean("draining") && list.getJsonObject(1).getInt("lastSeenMillisAgo") < 10_000;
        });
        assertEquals(202, Http.send("POST", Http.onNode(B, "api/admin/alert"), OPS, "{\"room\":\"ops\",\"message\":\"from B\"}").statusCode());
        assertEquals("from B", onA.awaitEvent("alert").getString("message"));
        assertEquals("from B", onB.awaitEvent("alert").getString("message"));
        assertEquals(202, Http.send("DELETE", Http.onNode(B, "api/admin/connections/" + leaving.id()), OPS, null).statusCode());
        assertEquals(jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY, leaving.awaitClose().getCloseCode());
        onB.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(leaving.id()));
        for (URI node : List.of(A, B)) {
            java.net.http.HttpResponse<String> ready = Http.get(Http.onNode(node, "health/ready"), null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"mode\":\"jms\""), ready.body());
        }
        String metrics = Http.get(Http.onNode(B, "metrics"), null).body();
        assertTrue(metrics.contains("switchboard_cluster_lag_seconds_count"), metrics);
        assertFalse(metrics.contains("switchboard_cluster_lag_seconds_count 0"), metrics);
    }

    private static final String OPS_PASSWORD = "Switchb0ard-ops!";
    private static final String OPS = Http.basic("ops", OPS_PASSWORD);
    private static final String SERVICE = Http.basic("svc", OPS_PASSWORD);

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    /**
     * The application's side spans the nodes: what a service asks of one node's server API (the HTTP face of the
     * injected {@code Switchboard}) reaches members and connections on the other, in the room's one order, a repeat
     * with the same idempotency key through the other node is recognised, and subscribe and disconnect act on the node
     * that holds the connection.
     */
    @Test
    @Order(8)
    void theServerApiSpansTheNodes() {
        TestClient x = TestClient.connectAs(A, "api-a");
        TestClient y = TestClient.connectAs(B, "api-b");
        clients.add(x);
        clients.add(y);
        Chatter.joinEverywhere("api-room", List.of(x, y), WAIT);
        java.util.Map<String, String> key = java.util.Map.of("Idempotency-Key", "order-17");
        java.net.http.HttpResponse<String> published = Http.send("POST", Http.onNode(B, "api/server/publish"), SERVICE,
                "{\"room\":\"api-room\",\"message\":\"shipped\"}", key);
        assertEquals(200, published.statusCode(), published.body());
        JsonObject sent = json(published.body());
        for (TestClient member : List.of(x, y)) {
            JsonObject say = member.awaitEvent("say", data -> "shipped".equals(data.getString("message", "")));
            assertEquals(sent.getString("messageId"), say.getString("messageId"));
            assertEquals(sent.getJsonObject("position"), say.getJsonObject("position"));
        }
        JsonObject repeat = json(Http.send("POST", Http.onNode(A, "api/server/publish"), SERVICE,
                "{\"room\":\"api-room\",\"message\":\"shipped\"}", key).body());
        assertTrue(repeat.getBoolean("repeated"), repeat.toString());
        assertEquals(sent.getString("messageId"), repeat.getString("messageId"));
        assertEquals(204, Http.send("POST", Http.onNode(A, "api/server/subscribe"), SERVICE,
                "{\"who\":{\"user\":\"api-b\"},\"room\":\"api-extra\"}").statusCode());
        y.awaitEvent("join", data -> "api-extra".equals(data.getString("room")) && y.id().equals(data.getJsonObject("member").getString("id")));
        await().atMost(WAIT).until(() -> json(Http.get(Http.onNode(A, "api/server/presence/api-extra"), SERVICE).body()).getInt("membersCount") == 1);
        await().atMost(WAIT).until(() -> Http.get(Http.onNode(A, "api/server/users/api-b/rooms"), SERVICE).body().contains("\"api-extra\""));
        assertTrue(json(Http.get(Http.onNode(A, "api/server/counts"), SERVICE).body()).getInt("connections") >= 2);
        assertEquals(204, Http.send("POST", Http.onNode(A, "api/server/unsubscribe"), SERVICE,
                "{\"who\":{\"connection\":\"" + y.id() + "\"},\"room\":\"api-extra\"}").statusCode());
        y.awaitEvent("leave", data -> "api-extra".equals(data.getString("room")) && y.id().equals(data.getJsonObject("member").getString("id")));
        await().atMost(WAIT).until(() -> json(Http.get(Http.onNode(A, "api/server/presence/api-extra"), SERVICE).body()).getInt("membersCount") == 0);
        assertEquals(200, Http.send("POST", Http.onNode(A, "api/server/tell"), SERVICE,
                "{\"to\":{\"user\":\"api-b\"},\"message\":\"across\"}").statusCode());
        assertEquals("across", y.awaitEvent("tell").getString("message"));
        assertEquals(200, Http.send("POST", Http.onNode(A, "api/server/emit"), SERVICE,
                "{\"to\":{\"user\":\"api-b\"},\"event\":\"ticket-assigned\",\"data\":17}").statusCode());
        assertEquals(17, y.awaitEvent("ticket-assigned").getInt("data"));
        assertEquals(204, Http.send("POST", Http.onNode(A, "api/server/disconnect"), SERVICE,
                "{\"who\":{\"user\":\"api-b\"},\"reason\":\"moving\",\"reconnect\":true}").statusCode());
        assertTrue(y.awaitEvent("end").getBoolean("reconnect"));
        assertEquals(jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, y.awaitClose().getCloseCode());
        x.assertAlive();
        assertTrue(x.received().stream().noneMatch(frame -> "say".equals(frame.getString("event", ""))), "once: " + x.received());
    }

    @Test
    @Order(9)
    void aRevocationThroughOneNodeClosesTheConnectionsItCoversOnTheOtherAndItsTokenIsRefusedEverywhere() throws Exception {
        String token = TestTokens.issue("revoked-user");
        String tokenId = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        TestClient onB = TestClient.connect(B);
        TestClient bystander = connect(B);
        clients.add(onB);
        onB.ok("auth", Json.createObjectBuilder().add("token", token).build());
        java.net.http.HttpResponse<String> revoked = Http.send("POST", Http.onNode(A, "api/admin/revocations"), OPS,
                "{\"tokenId\":\"" + tokenId + "\"}");
        assertEquals(202, revoked.statusCode(), revoked.body());
        JsonObject end = onB.awaitEvent("end");
        assertEquals("token revoked", end.getString("reason"));
        assertEquals(false, end.getBoolean("reconnect"));
        assertEquals(jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY, onB.awaitClose().getCloseCode());
        for (URI node : List.of(A, B)) {
            try (TestClient again = TestClient.connect(node)) {
                assertEquals("token revoked", again.call("auth", Json.createObjectBuilder().add("token", token).build())
                        .getJsonObject("error").getString("message"), node.toString());
            }
            await().atMost(WAIT).until(() -> Http.get(Http.onNode(node, "api/admin/revocations"), OPS).body().contains(tokenId));
        }
        bystander.assertAlive();
    }

    @Test
    @Order(10)
    void aCrashedNodeTakesItsMembersAndItsJavaClientFailsOverMissingNothingOfAStream() throws Exception {
        TestClient observer = connect(B);
        observer.ok("roomAdd", params("room", "crash"));
        TestClient victim = connect(A);
        victim.ok("roomAdd", params("room", "crash"));
        TestClient streamer = connect(B);
        streamer.ok("roomAdd", params("room", "crash"));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger streamed = new AtomicInteger();
        try (SwitchboardClient client = ClusterKit.failoverClient(List.of(A, B), 0, WAIT)) {
            List<JsonValue> says = new CopyOnWriteArrayList<>();
            List<Long> connectedAt = new CopyOnWriteArrayList<>();
            client.on("say", says::add);
            client.onConnected(() -> connectedAt.add(System.nanoTime()));
            client.boot();
            client.authToken(TestTokens.issue("failover")).get(60, TimeUnit.SECONDS);
            client.roomAdd("crash").get(60, TimeUnit.SECONDS);
            String firstId = client.detailsView().get(60, TimeUnit.SECONDS).getString("id");
            await().atMost(WAIT).until(() -> Chatter.memberIds(observer, "crash").size() == 4);
            assertTrue(Chatter.memberIds(observer, "crash").containsAll(List.of(victim.id(), firstId)), "the client started on node A");

            // a steady stream from node B (every 20 ms, 150 messages) runs across the crash of node A, and so does the
            // client's own stream of says (each with its key): those in flight at the crash are sent again on B
            List<CompletableFuture<JsonObject>> mine = new CopyOnWriteArrayList<>();
            pacer.scheduleAtFixedRate(() -> {
                int n = streamed.getAndIncrement();
                if (n < STREAM) {
                    streamer.send(Json.createObjectBuilder().add("type", "method").add("method", "say").add("params",
                            Json.createObjectBuilder().add("room", "crash").add("message", "stream-" + n)).build().toString());
                    mine.add(client.say("crash", "mine-" + n));
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> says.size() >= 30);
            long crashedAt = System.nanoTime();
            ClusterKit.crash("node-a");
            await().atMost(WAIT).until(() -> client.status() == Status.CONNECTING || connectedAt.size() == 2);
            List<CompletableFuture<JsonObject>> spooled = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                spooled.add(client.say("crash", "after-" + i));
            }
            for (CompletableFuture<JsonObject> call : spooled) {
                call.get(60, TimeUnit.SECONDS);
            }
            long rejoinedMillis = TimeUnit.NANOSECONDS.toMillis(connectedAt.get(1) - crashedAt);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("after-" + i);
            }
            await().atMost(WAIT).until(() -> says.stream().map(s -> s.asJsonObject().getString("message"))
                    .filter(m -> m.startsWith("after-")).count() == 20);
            assertEquals(expected, says.stream().map(s -> s.asJsonObject().getString("message"))
                    .filter(m -> m.startsWith("after-")).toList());

            observer.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(victim.id()));
            long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);
            String secondId = client.detailsView().get(60, TimeUnit.SECONDS).getString("id");
            await().atMost(WAIT).until(() -> Set.copyOf(Chatter.memberIds(observer, "crash")).equals(Set.of(observer.id(), streamer.id(), secondId)));
            System.out.println("[measure] cluster: node A killed; its members left B's presence after " + goneMillis
                    + " ms; the Java client was re-joined on B after " + rejoinedMillis + " ms");
            await().atMost(WAIT).until(() -> mine.size() == STREAM);
            int repeated = 0;
            for (CompletableFuture<JsonObject> call : mine) {
                repeated += call.get(60, TimeUnit.SECONDS).getBoolean("repeated") ? 1 : 0; // none lost: every call completes
            }
            streamer.ok("say", params("room", "crash", "message", "last"));
            List<String> observed = new ArrayList<>();
            for (String message = ""; !message.equals("last"); ) {
                message = observer.awaitEvent("say").getString("message");
                observed.add(message);
            }
            List<String> mineObserved = observed.stream().filter(m -> m.startsWith("mine-")).toList();
            List<String> mineExpected = IntStream.range(0, STREAM).mapToObj(n -> "mine-" + n).toList();
            assertEquals(mineExpected, mineObserved, "every say the client made across the crash: once, in order");
            System.out.println("[measure] cluster: " + STREAM + " says of the failed-over client across the crash: "
                    + STREAM + " acknowledged, " + mineObserved.size() + " observed, lost 0, duplicated 0 (" + repeated
                    + " answered as repeats of what node A had sent)");
            observed.removeIf(m -> m.startsWith("mine-") || m.equals("last"));
            assertEquals(expected, observed.stream().filter(m -> m.startsWith("after-")).collect(Collectors.toList()));
            // the client resumed on B from its last position: every message of the stream once, in the room's order
            List<String> stream = observed.stream().filter(m -> m.startsWith("stream-")).toList();
            assertEquals(STREAM, Set.copyOf(stream).size(), "the observer on B got the whole stream");
            await().atMost(WAIT).until(() -> says.stream().filter(s -> s.asJsonObject().getString("message").startsWith("stream-"))
                    .count() >= STREAM);
            assertEquals(stream, says.stream().map(s -> s.asJsonObject().getString("message"))
                    .filter(m -> m.startsWith("stream-")).toList(), "the failed-over client: every message once, in order");
            System.out.println("[measure] cluster: a stream of " + STREAM + " messages across the crash reached the failed-over"
                    + " client complete and in order");
        } finally {
            pacer.shutdownNow();
        }
        controller.kill("node-a");
    }

    /**
     * Exactly once across the crash and restart of the one node a client knows: a Java client with node A's address
     * only says 150 messages every 20 ms while A is killed with SIGKILL and started again. The calls in flight at the
     * crash go again, with their keys, to the restarted A — whose histories are empty, but whose key journal
     * (a memory-mapped file) outlived the process: it answers each repeat with the original's id and position. The
     * observer on B sees every message once, in order; the client itself never hears one of its messages twice — a
     * repeat of a message A delivered to it before the crash, published again by A, would be heard twice. Just before
     * the kill the client fires 50 says at once, so that some are in flight: delivered, their replies not yet out.
     */
    @Test
    @Order(11)
    void aNodeRestartedAfterACrashAnswersTheRepeatsOfItsKeysFromItsJournal() throws Exception {
        controller.start("node-a"); // killed at the end of the step before: the deployment comes back with it
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            TestClient probe = connect(A);
            probe.assertAlive();
            return true;
        });
        TestClient observer = connect(B);
        observer.ok("roomAdd", params("room", "journal"));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (SwitchboardClient client = SwitchboardClient.builder(List.of(A)).backoffFloor(Duration.ofMillis(200))
                .backoffCap(Duration.ofSeconds(1)).maxAttempts(0).callTimeout(Duration.ofMinutes(4)).build()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            client.on("say", data -> heard.add(data.asJsonObject().getString("message")));
            client.boot();
            client.authToken(TestTokens.issue("journaled")).get(60, TimeUnit.SECONDS);
            client.roomAdd("journal").get(60, TimeUnit.SECONDS);
            List<CompletableFuture<JsonObject>> mine = new CopyOnWriteArrayList<>();
            AtomicInteger made = new AtomicInteger();
            Runnable next = () -> {
                int n = made.getAndIncrement();
                if (n < STREAM) {
                    mine.add(client.say("journal", "j-" + n));
                }
            };
            for (int i = 0; i < 30; i++) {
                next.run();
            }
            await().atMost(WAIT).until(() -> mine.stream().allMatch(CompletableFuture::isDone));
            for (int i = 0; i < 50; i++) {
                next.run();
            }
            ClusterKit.crash("node-a");
            pacer.scheduleAtFixedRate(next, 0, 20, TimeUnit.MILLISECONDS);
            controller.kill("node-a");
            controller.start("node-a");
            await().atMost(Duration.ofMinutes(4)).until(() -> mine.size() == STREAM);
            int repeated = 0;
            for (CompletableFuture<JsonObject> call : mine) {
                repeated += call.get(4, TimeUnit.MINUTES).getBoolean("repeated") ? 1 : 0; // none lost: every call completes
            }
            List<String> seen = new ArrayList<>();
            while (seen.size() < STREAM) {
                seen.add(observer.awaitEvent("say").getString("message"));
            }
            client.say("journal", "last").get(60, TimeUnit.SECONDS);
            assertEquals("last", observer.awaitEvent("say").getString("message"), "nothing more before the last: none twice");
            assertEquals(IntStream.range(0, STREAM).mapToObj(n -> "j-" + n).toList(), seen, "every say once, in order");
            await().atMost(WAIT).until(() -> heard.contains("last"));
            assertEquals(Set.copyOf(heard).size(), heard.size(), () -> "the client heard one of its says twice: " + heard);
            System.out.println("[measure] cluster: " + STREAM + " says to node A alone across its SIGKILL and restart: "
                    + STREAM + " acknowledged, " + seen.size() + " observed, lost 0, duplicated 0 (" + repeated
                    + " answered from A's key journal as repeats)");
        } finally {
            pacer.shutdownNow();
        }
    }

    /**
     * The operators' console on node B, in headless Chromium ({@code src/test/e2e/admin.e2e.mjs}): it lists both nodes
     * and the room with its members on both, shows B's live rates, and its buttons send an alert that reaches the room
     * on both nodes, disconnect a member on A, and drain A — asked through B, carried out by A. Then A goes.
     */
    @Test
    @Order(12)
    void theOperatorsConsoleOnOneNodeShowsBothAndActsOnTheOther() throws Exception {
        TestClient onA = connect(A);
        TestClient leaving = connect(A);
        TestClient onB = connect(B);
        Chatter.joinEverywhere("console", List.of(onA, leaving, onB), WAIT);
        String base = Http.onNode(B, "").toString();
        String output = Browser.run("e2e admin", List.of("admin.e2e.mjs", base, "ops", OPS_PASSWORD, "console", leaving.id()),
                Duration.ofMinutes(5));
        assertEquals("from the console", onA.awaitEvent("alert").getString("message"));
        assertEquals("from the console", onB.awaitEvent("alert").getString("message"));
        assertEquals(jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY, leaving.awaitClose().getCloseCode());
        String drained = output.lines().filter(line -> line.startsWith("DRAINED ")).findFirst().orElseThrow().substring(8);
        assertEquals(drained, json(Http.send("GET", Http.onNode(A, "api/admin/node"), OPS, null).body()).getString("node"),
                "the node drained is A, the other one");
        await().atMost(WAIT).until(() -> Http.get(Http.onNode(A, "health/ready"), null).statusCode() == 503);
        assertTrue(onA.awaitEvent("end").getBoolean("reconnect"), "A's clients are sent elsewhere");
        assertEquals(200, Http.get(Http.onNode(B, "health/ready"), null).statusCode(), "B goes on");
        deployer.undeploy("a");
        controller.stop("node-a");
    }

    /**
     * Readiness includes the JMS link: with the broker gone, the remaining node is not ready (no round
     * trip through the broker) while staying alive; with a broker back it is ready again and its room
     * traffic flows.
     */
    @Test
    @Order(13)
    void withoutItsBrokerANodeIsNotReadyAndIsReadyAgainWhenTheBrokerIsBack() {
        URI ready = Http.onNode(B, "health/ready");
        assertEquals(200, Http.get(ready, null).statusCode());
        TestClient before = connect(B);
        before.ok("roomAdd", params("room", "outage-room"));
        before.ok("say", Json.createObjectBuilder().add("room", "outage-room").add("message", "before the outage").build());
        JsonObject lastSeen = before.awaitEvent("say").getJsonObject("position");
        ClusterKit.stop(broker);
        await().atMost(WAIT).until(() -> Http.get(ready, null).statusCode() == 503);
        java.net.http.HttpResponse<String> down = Http.get(ready, null);
        assertTrue(down.body().contains("\"name\":\"switchboard-cluster\",\"status\":\"DOWN\""), down.body());
        assertEquals(200, Http.get(Http.onNode(B, "health/live"), null).statusCode(), "not ready, still alive");
        broker = ClusterKit.startBroker();
        await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(ready, null).statusCode() == 200);
        TestClient onB = connect(B);
        onB.ok("roomAdd", params("room", "after-broker"));
        await().atMost(WAIT).ignoreExceptions().until(() -> onB.call("say", Json.createObjectBuilder().add("room", "after-broker")
                .add("message", "back").build()).isNull("error"));
        onB.awaitEvent("say", data -> data.getString("message").equals("back"));
        // B's topic subscription is not durable: what went by while it was cut off is lost to it, so a
        // position from before the outage can no longer be proved gap-free there — and B says so
        TestClient back = connect(B);
        JsonObject rejoined = back.ok("roomAdd", Json.createObjectBuilder().add("room", "outage-room").add("since", lastSeen).build());
        assertFalse(rejoined.getBoolean("recovered"), rejoined.toString());
        back.close();
        before.close();
    }

    @Test
    @Order(14)
    void theLastNodeStops() {
        deployer.undeploy("b");
        controller.stop("node-b");
        assertTrue(ClusterKit.nodeProcess("node-b").isEmpty());
    }
}
