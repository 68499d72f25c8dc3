package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.ClusterKit;
import dev.switchboard.testkit.FirstSeen;
import dev.switchboard.testkit.PayaraKit;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Server domains on one shared OpenMQ broker, made by the scripts of {@code server-config/payara/} as an
 * operator makes them: room traffic, presence and direct messages span the nodes, and when the node that orders the
 * rooms (the one active consumer of the sequencer queue: OpenMQ has no message groups) is killed under a stream, the
 * other takes the order over and nothing acknowledged is lost or heard twice. The domains are run with asadmin (the
 * Payara Arquillian adapter wants its domain to exist before any test code runs); the steps share them and run in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraClusterIT {

    private static final int BASE_A = 20000;
    private static final int BASE_B = 21000;
    private static final URI A = URI.create("ws://127.0.0.1:" + (BASE_A + 80) + "/switchboard/socket");
    private static final URI B = URI.create("ws://127.0.0.1:" + (BASE_B + 80) + "/switchboard/socket");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int STREAM = 150;

    private static Process broker;
    /** The nodes' ids, read from their logs once they run: the epochs of the positions each gives. */
    private static String idA;
    private static String idB;
    private static final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    static void makeTheCluster() {
        for (String domain : List.of("node-a", "node-b")) {
            PayaraKit.process(domain).ifPresent(ProcessHandle::destroyForcibly); // left running by a run that was killed
        }
        broker = PayaraKit.startBroker();
        PayaraKit.createDomain("node-a", BASE_A);
        PayaraKit.createDomain("node-b", BASE_B);
    }

    @AfterAll
    static void stopEverything() {
        clients.forEach(TestClient::close);
        for (String domain : List.of("node-a", "node-b")) {
            PayaraKit.process(domain).ifPresent(ProcessHandle::destroyForcibly);
        }
        PayaraKit.stop(broker);
    }

    private static TestClient connect(URI node) {
        TestClient client = TestClient.connectAs(node, "client-" + clients.size());
        clients.add(client);
        return client;
    }

    /**
     * Node A starts and deploys first, so its sequencer consumer is the queue's active one and node B's waits as the
     * backup. The shared broker stays up through both starts (a first attempt at this IT saw it shut down).
     */
    @Test
    @Order(1)
    void bothDomainsStartOnTheSharedBroker() throws IOException {
        String war = System.getProperty("switchboard.war");
        for (String domain : List.of("node-a", "node-b")) {
            int base = domain.equals("node-a") ? BASE_A : BASE_B;
            PayaraKit.startDomain(domain);
            // a room's history is also the window of its idempotency keys: the calls in flight at the crash come back after
            // hundreds more messages (as in ClusterIT)
            PayaraKit.setSystemProperty(domain, base, "switchboard.history.messages", "1000");
            PayaraKit.deploy(domain, base, war);
        }
        connect(A).assertAlive();
        connect(B).assertAlive();
        idA = ClusterKit.nodeIdIn(PayaraKit.serverLog("node-a"));
        idB = ClusterKit.nodeIdIn(PayaraKit.serverLog("node-b"));
        assertFalse(idA.equals(idB));
        assertTrue(broker.isAlive(), "the shared broker stopped; see " + PayaraKit.brokerLog());
        // B0076 "Admin requested shutdown by …": what the broker logs when an admin client stops it
        assertFalse(Files.readString(PayaraKit.brokerLog()).contains("B0076"), Files.readString(PayaraKit.brokerLog()));
    }

    @Test
    @Order(2)
    void roomTrafficPresenceAndTellSpanTheNodesInOneOrder() throws InterruptedException {
        List<TestClient> members = List.of(connect(A), connect(A), connect(B), connect(B));
        Chatter.joinEverywhere("span", members, WAIT);
        JsonObject said = members.get(2).ok("say", Json.createObjectBuilder().add("room", "span").add("message", "hello")
                .add("key", "hello-1").build());
        assertEquals(idA, said.getJsonObject("position").getString("epoch"), "node A orders the rooms");
        for (TestClient member : members) {
            assertEquals(members.get(2).id(), member.awaitEvent("say").getJsonObject("from").getString("id"));
        }
        Chatter.sayConcurrently(members, "span", 100);
        Chatter.assertOneOrder(members, 4 * 100);
        await().atMost(WAIT).until(() -> members.get(0).call("tell", Json.createObjectBuilder().add("to", members.get(3).id())
                .add("message", "across").build()).isNull("error"));
        assertEquals("across", members.get(3).awaitEvent("tell").getString("message"));
        for (TestClient member : members) { // after the tell's round trip across the nodes: a copy would be here by now
            assertTrue(Chatter.says(member).isEmpty(), () -> "a duplicate: " + member.received());
        }
    }

    /**
     * The node that orders the rooms dies (SIGKILL) while a member on B streams and a Java client on A says its own
     * stream: OpenMQ makes B's sequencer consumer the active one, the client fails over to B, and B's observer hears
     * every acknowledged say once, in one order, the positions now of B's epoch; A's members leave B's presence, and a
     * position node A gave is recovered on B with every message after it.
     */
    @Test
    @Order(3)
    void theNodeThatOrdersTheRoomsDiesUnderAStreamAndTheOtherTakesOverLosingNothing() throws Exception {
        TestClient observer = connect(B);
        TestClient victim = connect(A);
        TestClient streamer = connect(B);
        TestClient prober = connect(B);
        for (TestClient member : List.of(observer, victim, streamer, prober)) {
            member.ok("roomAdd", params("room", "crash"));
        }
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger streamed = new AtomicInteger();
        try (SwitchboardClient client = ClusterKit.failoverClient(List.of(A, B), 0, WAIT);
                FirstSeen seen = new FirstSeen(observer)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            client.on("say", data -> heard.add(data.asJsonObject().getString("message")));
            client.boot();
            client.authToken(TestTokens.issue("failover")).get(60, TimeUnit.SECONDS);
            client.roomAdd("crash").get(60, TimeUnit.SECONDS);
            String firstId = client.detailsView().get(60, TimeUnit.SECONDS).getString("id");
            await().atMost(WAIT).until(() -> Chatter.memberIds(observer, "crash").size() == 5);
            assertTrue(Chatter.memberIds(observer, "crash").containsAll(List.of(victim.id(), firstId)), "the client started on node A");

            List<CompletableFuture<JsonObject>> mine = new CopyOnWriteArrayList<>();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            pacer.scheduleAtFixedRate(() -> {
                int n = streamed.getAndIncrement();
                if (n < STREAM) {
                    sentAt.put("stream-" + n, System.nanoTime());
                    sentAt.put("mine-" + n, System.nanoTime());
                    streamer.send(Json.createObjectBuilder().add("type", "method").add("method", "say").add("params",
                            Json.createObjectBuilder().add("room", "crash").add("message", "stream-" + n)).build().toString());
                    mine.add(client.say("crash", "mine-" + n));
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> heard.size() >= 30);
            JsonObject before = observer.ok("history", Json.createObjectBuilder().add("room", "crash").add("limit", 1).build());
            JsonObject lastBefore = before.getJsonArray("messages").getJsonObject(0).getJsonObject("position");
            String lastBeforeText = before.getJsonArray("messages").getJsonObject(0).getString("message");
            assertEquals(idA, lastBefore.getString("epoch"), "node A orders the room");

            long crashedAt = System.nanoTime();
            PayaraKit.crash("node-a");
            prober.sendCall("say", params("room", "crash", "message", "probe"));
            await().atMost(WAIT).until(() -> Chatter.says(observer).contains("probe"));
            long crossedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);

            observer.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(victim.id()));
            long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);
            await().atMost(WAIT).until(() -> mine.size() == STREAM);
            for (CompletableFuture<JsonObject> call : mine) {
                call.get(60, TimeUnit.SECONDS); // none lost: every call completes
            }
            String secondId = client.detailsView().get(60, TimeUnit.SECONDS).getString("id");
            await().atMost(WAIT).until(() -> Set.copyOf(Chatter.memberIds(observer, "crash"))
                    .equals(Set.of(observer.id(), streamer.id(), prober.id(), secondId)));
            System.out.println("[measure] payara cluster: the node that ordered the rooms killed; a say on B was heard on B "
                    + crossedMillis + " ms after the kill; its members left B's presence after " + goneMillis + " ms");

            JsonObject last = streamer.ok("say", params("room", "crash", "message", "last", "key", "last-1"));
            assertEquals(idB, last.getJsonObject("position").getString("epoch"), "node B orders the room now");
            // a say that node A had taken from the queue and not passed on is sent again by its publisher once A is known
            // dead (the node timeout): it comes late, after later ones, and in the same place for every member
            Set<String> everything = new java.util.HashSet<>(List.of("probe", "last"));
            IntStream.range(0, STREAM).forEach(n -> everything.addAll(List.of("mine-" + n, "stream-" + n)));
            await().atMost(WAIT).until(() -> Set.copyOf(Chatter.says(observer)).containsAll(everything));
            await().atMost(WAIT).until(() -> everything.stream().allMatch(m -> seen.at(m) != 0));
            long completeMillis = TimeUnit.NANOSECONDS.toMillis(sentAt.entrySet().stream().filter(e -> e.getValue() < crashedAt)
                    .mapToLong(e -> seen.at(e.getKey())).max().orElseThrow() - crashedAt);
            List<String> observed = Chatter.says(observer);
            assertEquals(everything.size(), observed.size(), () -> "each once: " + observed);
            assertEquals(IntStream.range(0, STREAM).mapToObj(n -> "mine-" + n).toList(),
                    observed.stream().filter(m -> m.startsWith("mine-")).toList(), "every say of the failed-over client: once, in order");
            for (TestClient member : List.of(streamer, prober)) {
                await().atMost(WAIT).until(() -> Chatter.says(member).size() >= observed.size());
                assertEquals(observed, Chatter.says(member), "one order for every member");
            }
            await().atMost(WAIT).until(() -> heard.contains("last"));
            assertEquals(Set.copyOf(heard).size(), heard.size(), () -> "the client heard a say twice: " + heard);
            assertEquals(observed.stream().filter(heard::contains).toList(), heard, "the failed-over client: the room's one order");
            System.out.println("[measure] payara cluster: every say made before the kill had been heard on B "
                    + completeMillis + " ms after it");
            // recovery from a position node A gave: B holds it and all after it (the topic lost nothing to B; what A took and
            // never passed on has its place later, in B's epoch), so the answer is true and the messages are the room's order
            TestClient back = connect(B);
            JsonObject rejoined = back.ok("roomAdd", Json.createObjectBuilder().add("room", "crash").add("since", lastBefore).build());
            assertTrue(rejoined.getBoolean("recovered"), rejoined.toString());
            List<String> after = observed.subList(observed.indexOf(lastBeforeText) + 1, observed.size());
            assertEquals(after, Chatter.says(back), "recovered: every message after the position, once, in the room's order");
            System.out.println("[measure] payara cluster: " + STREAM + " says of the failed-over client and " + STREAM
                    + " of B's stream across the kill: all acknowledged, each observed once, one order for every member");
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void theLastNodeStops() {
        PayaraKit.stopDomain("node-b");
        assertTrue(PayaraKit.process("node-b").isEmpty());
    }
}
