package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.RoomMember;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence across nodes: several registries on one in-memory bus, with a clock the test moves. */
class ClusterPresenceTest {

    private final FrameCodec codec = new FrameCodec();
    private final MemoryCluster cluster = new MemoryCluster();
    private final MutableClock clock = new MutableClock();
    private final Settings settings = Settings.of(Map.of("switchboard.heartbeatMillis", "1000", "switchboard.nodeTimeoutMillis", "3000"));
    private final RoomName lobby = new RoomName("lobby");

    @AfterEach
    void close() {
        codec.close();
    }

    /** Delivers every envelope to every connected node, in one order. */
    static final class MemoryCluster {
        private final List<Bus> buses = new CopyOnWriteArrayList<>();
        private final List<Envelope> published = new CopyOnWriteArrayList<>();

        final class Bus implements ClusterBus {
            private volatile Consumer<Envelope> delivery = e -> {
            };
            volatile boolean connected = true;

            @Override
            public void publish(Envelope envelope) {
                if (connected) {
                    published.add(envelope);
                    synchronized (MemoryCluster.this) {
                        buses.stream().filter(b -> b.connected).forEach(b -> b.delivery.accept(envelope));
                    }
                }
            }

            @Override
            public void deliverTo(Consumer<Envelope> delivery) {
                this.delivery = delivery;
            }

            @Override
            public Link link() {
                return new Link("memory", connected, "");
            }
        }

        Bus join() {
            Bus bus = new Bus();
            buses.add(bus);
            return bus;
        }
    }

    static final class MutableClock extends Clock {
        volatile long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** One node: a registry with its own connections. */
    final class Node implements LocalDirectory {
        final MemoryCluster.Bus bus = cluster.join();
        final Map<String, RecordingCaller> connections = new ConcurrentHashMap<>();
        final RoomRegistry registry;

        Node(String id) {
            registry = new RoomRegistry(bus, codec, new NodeIdentity(id), clock, this, settings);
        }

        RecordingCaller connect(String id) {
            RecordingCaller caller = new RecordingCaller(id);
            connections.put(id, caller);
            registry.connected(caller);
            return caller;
        }

        @Override
        public List<? extends Member> find(String idOrUser) {
            RecordingCaller caller = connections.get(idOrUser);
            return caller == null ? List.of() : List.of(caller);
        }

        @Override
        public Collection<? extends Member> all() {
            return connections.values();
        }
    }

    private List<JsonObject> events(RecordingCaller caller, String name) {
        List<JsonObject> events = new ArrayList<>();
        for (String frame : caller.frames()) {
            JsonObject object = (JsonObject) codec.parse(frame);
            if (name.equals(object.getString("event"))) {
                events.add(object.getJsonObject("data"));
            }
        }
        return events;
    }

    private static Predicate<JsonObject> member(String id) {
        return data -> data.getJsonObject("member").getString("id").equals(id);
    }

    private static RevocationKeeper keeper(List<String> kept) {
        return new RevocationKeeper() {
            @Override
            public List<String> known() {
                return List.copyOf(kept);
            }

            @Override
            public void revoked(String revocation) {
                kept.add(revocation);
            }
        };
    }

    @Test
    void aNodeThatRunsAloneTellsNobodyOfItsConnectionsAndANodeOfAClusterTellsTheOthers() {
        List<Envelope> sent = new CopyOnWriteArrayList<>();
        LocalClusterBus local = new LocalClusterBus() {
            @Override
            public void publish(Envelope envelope) {
                sent.add(envelope);
                super.publish(envelope);
            }
        };
        RoomRegistry alone = new RoomRegistry(local, codec, new NodeIdentity("alone"), clock);
        RecordingCaller a = new RecordingCaller("a");
        alone.connected(a);
        alone.join(a, lobby);
        alone.disconnected(a);
        assertEquals(List.of(Envelope.Kind.HELLO, Envelope.Kind.JOIN, Envelope.Kind.LEAVE),
                sent.stream().map(Envelope::kind).toList());

        Node clustered = new Node("b");
        clustered.registry.disconnected(clustered.connect("b"));
        assertEquals(List.of(Envelope.Kind.CONNECT, Envelope.Kind.DISCONNECT), cluster.published.stream().map(Envelope::kind)
                .filter(kind -> kind == Envelope.Kind.CONNECT || kind == Envelope.Kind.DISCONNECT).toList());
    }

    @Test
    void aRevocationReachesEveryNodeAndANodeThatStartsLaterLearnsItFromTheOthersSnapshots() {
        Node a = new Node("a");
        Node b = new Node("b");
        List<String> keptByA = new CopyOnWriteArrayList<>();
        List<String> keptByB = new CopyOnWriteArrayList<>();
        a.registry.revocations(keeper(keptByA));
        b.registry.revocations(keeper(keptByB));
        a.registry.revoke("{\"tokenId\":\"t-1\",\"until\":1}");
        assertEquals(List.of("{\"tokenId\":\"t-1\",\"until\":1}"), keptByA, "the node it was made on too");
        assertEquals(keptByA, keptByB);
        Node c = new Node("c"); // its hello is answered by a's and b's snapshots before anything keeps revocations there
        List<String> keptByC = new CopyOnWriteArrayList<>();
        c.registry.revocations(keeper(keptByC));
        assertEquals(java.util.Set.of("{\"tokenId\":\"t-1\",\"until\":1}"), java.util.Set.copyOf(keptByC),
                "from the others' snapshots (once from each: the keeper drops what it knows already)");
    }

    /** The operators' view of the nodes (GET /api/admin/nodes), from the heartbeats. */
    @Test
    void eachNodeListsItselfAndTheOthersWithWhatTheirHeartbeatsSayDrainingIncluded() {
        Node a = new Node("a");
        Node b = new Node("b");
        b.registry.join(b.connect("b1"), lobby);
        b.connect("b2");
        a.registry.tick();
        b.registry.tick();
        clock.millis += 400;
        List<NodeState.Summary> seenByA = a.registry.nodes();
        assertEquals(List.of("a", "b"), seenByA.stream().map(NodeState.Summary::node).toList(), "itself first");
        assertTrue(seenByA.get(0).self());
        NodeState.Summary bOnA = seenByA.get(1);
        assertEquals(2, bOnA.connections());
        assertEquals(1, bOnA.rooms());
        assertEquals(1, bOnA.members());
        assertEquals(400, bOnA.lastSeenMillisAgo());
        assertEquals(ClusterPresence.HOST, bOnA.host());
        assertFalse(bOnA.draining());
        b.registry.draining();
        b.registry.tick();
        assertTrue(a.registry.nodes().get(1).draining(), "said with b's next heartbeat");
        assertTrue(b.registry.nodes().get(0).draining());
    }

    /** POST /api/admin/nodes/{node}/drain taken by another node: the request reaches that node alone. */
    @Test
    void aDrainAskedThroughOneNodeReachesTheNodeItNamesAndNoOther() {
        Node a = new Node("a");
        Node b = new Node("b");
        Node c = new Node("c");
        List<String> asked = new CopyOnWriteArrayList<>();
        a.registry.drains(drain -> asked.add("a by " + drain.by()));
        b.registry.drains(drain -> asked.add("b by " + drain.by()));
        c.registry.drains(drain -> asked.add("c by " + drain.by()));
        a.registry.askToDrain("b");
        assertEquals(List.of("b by a"), asked);
    }

    @Test
    void roomViewAndJoinEventsSpanTheNodes() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        a.registry.join(alice, lobby);
        assertEquals(2, b.registry.join(bob, lobby).membersCount());
        assertEquals(List.of("alice", "bob"), a.registry.view(lobby).orElseThrow().members().stream().map(m -> m.id()).toList());
        assertEquals(List.of("alice", "bob"), b.registry.view(lobby).orElseThrow().members().stream().map(m -> m.id()).toList());
        assertEquals(1, events(alice, "join").stream().filter(member("bob")).count());
    }

    @Test
    void theReplicaKeepsWhoJoinedAndWhenFromTheEnvelopeOrFromAnOlderNodesFrame() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        alice.authenticate(new dev.switchboard.security.Identity("ann", java.util.Set.of()));
        a.registry.join(alice, lobby);
        RoomMember fromEnvelope = b.registry.view(lobby).orElseThrow().members().get(0);
        assertEquals("ann", fromEnvelope.user());
        assertEquals(clock.millis, fromEnvelope.joinedAt());
        // a node of a version before the envelope carried the member: only the frame says who and when
        String frame = codec.encode(Event.of("join", new dev.switchboard.protocol.Presence("lobby",
                new dev.switchboard.protocol.Peer("old-1", "olga"), 42)));
        b.bus.publish(new Envelope("old-node", Envelope.Kind.JOIN, "lobby", "old-1", frame));
        RoomMember fromFrame = a.registry.view(lobby).orElseThrow().members().stream()
                .filter(m -> m.id().equals("old-1")).findFirst().orElseThrow();
        assertEquals("olga", fromFrame.user());
        assertEquals(42, fromFrame.joinedAt());
    }

    @Test
    void aSayOnOneNodeReachesEveryMemberOnEveryNodeOnce() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        a.registry.join(alice, lobby);
        b.registry.join(bob, lobby);
        a.registry.publish(lobby, codec.encode(Event.of("say", Map.of("message", "hi"))));
        assertEquals(1, events(alice, "say").size());
        assertEquals(1, events(bob, "say").size());
    }

    @Test
    void theOperatorsViewOfRoomsCountsTheMembersOfEveryNode() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.registry.join(a.connect("alice"), lobby);
        b.registry.join(b.connect("bob"), lobby);
        b.registry.join(b.connect("carol"), new RoomName("kitchen"));
        assertEquals(Map.of("kitchen", 1, "lobby", 2), a.registry.roomCounts());
        assertEquals(a.registry.roomCounts(), b.registry.roomCounts());
    }

    @Test
    void anAlertReachesTheRoomOnEveryNodeOrEveryConnection() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        RecordingCaller outsider = b.connect("outsider");
        a.registry.join(alice, lobby);
        b.registry.join(bob, lobby);
        a.registry.alert(lobby, Json.createValue("maintenance at 10"));
        assertEquals(List.of("maintenance at 10"), events(bob, "alert").stream().map(d -> d.getString("message")).toList());
        assertEquals(1, events(alice, "alert").size());
        assertEquals("lobby", events(alice, "alert").get(0).getString("room"));
        assertEquals(0, events(outsider, "alert").size(), "not in the room");
        b.registry.alert(null, Json.createValue("everyone"));
        assertEquals(2, events(alice, "alert").size());
        assertEquals(1, events(outsider, "alert").size());
        assertTrue(events(outsider, "alert").get(0).isNull("room"));
    }

    @Test
    void anOperatorsDisconnectEndsTheConnectionOnItsNodeWithoutReconnect() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        a.registry.disconnect("bob");
        JsonObject end = events(bob, "end").get(0);
        assertFalse(end.getBoolean("reconnect"));
        assertEquals(RoomRegistry.DISCONNECTED, end.getString("reason"));
        assertEquals(1008, bob.closeCode());
        assertEquals(0, events(alice, "end").size());
        assertEquals(0, alice.closeCode());
    }

    @Test
    void aNodeThatFallsSilentIsDroppedAfterTheTimeoutAndItsMembersLeave() {
        Node a = new Node("a");
        Node b = new Node("b");
        RecordingCaller alice = a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        a.registry.join(alice, lobby);
        b.registry.join(bob, lobby);
        a.bus.connected = false; // a crashes: no more heartbeats, no goodbye
        clock.millis += 2000;
        b.registry.tick();
        assertEquals(2, b.registry.view(lobby).orElseThrow().membersCount(), "not yet: within the timeout");
        clock.millis += 1500;
        b.registry.tick();
        assertEquals(List.of("bob"), b.registry.view(lobby).orElseThrow().members().stream().map(m -> m.id()).toList());
        assertEquals(1, events(bob, "leave").stream().filter(member("alice")).count());
        assertFalse(b.registry.isConnected("alice"));
    }

    @Test
    void aNodeThatKeepsBeatingStays() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.registry.join(a.connect("alice"), lobby);
        for (int i = 0; i < 10; i++) {
            clock.millis += 1000;
            a.registry.tick();
            b.registry.tick();
        }
        assertEquals(1, b.registry.view(lobby).orElseThrow().membersCount());
    }

    @Test
    void aNodeThatStopsSaysGoodbyeAndIsDroppedAtOnce() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.registry.join(a.connect("alice"), lobby);
        RecordingCaller bob = b.connect("bob");
        b.registry.join(bob, lobby);
        a.registry.stop();
        assertEquals(1, b.registry.view(lobby).orElseThrow().membersCount());
        assertEquals(1, events(bob, "leave").stream().filter(member("alice")).count());
    }

    @Test
    void aNodeThatStartsLaterLearnsEverythingFromSnapshots() {
        Node a = new Node("a");
        a.registry.join(a.connect("alice"), lobby);
        a.registry.join(a.connect("carol"), new RoomName("other"));
        Node late = new Node("late");
        assertEquals(1, late.registry.view(lobby).orElseThrow().membersCount());
        assertEquals(1, late.registry.view(new RoomName("other")).orElseThrow().membersCount());
        assertTrue(late.registry.isConnected("carol"));
    }

    @Test
    void aReplicaThatDriftedAsksForASnapshotAndHeals() {
        Node a = new Node("a");
        Node b = new Node("b");
        b.bus.connected = false; // b misses a's join
        a.registry.join(a.connect("alice"), lobby);
        b.bus.connected = true;
        assertTrue(b.registry.view(lobby).isEmpty());
        a.registry.tick(); // the heartbeat's counts disagree with b's replica: b asks, a answers
        assertEquals(1, b.registry.view(lobby).orElseThrow().membersCount());
    }

    @Test
    void aRestartedNodeIsNotTakenForItsOldSelf() {
        Node a = new Node("a-1");
        Node b = new Node("b");
        a.registry.join(a.connect("alice"), lobby);
        a.bus.connected = false;
        Node restarted = new Node("a-2"); // same machine, new node id
        restarted.registry.join(restarted.connect("alice-again"), lobby);
        clock.millis += 3500;
        restarted.registry.tick();
        b.registry.tick();
        assertEquals(List.of("alice-again"), b.registry.view(lobby).orElseThrow().members().stream().map(m -> m.id()).toList());
    }

    @Test
    void aDirectMessageReachesAConnectionOnAnotherNode() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.connect("alice");
        RecordingCaller bob = b.connect("bob");
        assertTrue(a.registry.isConnected("bob"));
        assertFalse(a.registry.isConnected("nobody"));
        a.registry.tell("bob", codec.encode(Event.of("tell", Map.of("message", "psst"))));
        assertEquals(1, events(bob, "tell").size());
    }
}
