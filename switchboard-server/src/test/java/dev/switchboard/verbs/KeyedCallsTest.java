package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.events.Observers;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.Member;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls with an idempotency key ({@code key} of {@code say} and {@code tell}): a repeat is answered with the original's
 * reply and sends nothing; keys are the caller's user's; a say's key lasts as long as the room's history holds the
 * message, a tell's for {@code switchboard.history.tellKeySeconds}; a say whose place never comes fails UNAVAILABLE.
 */
class KeyedCallsTest {

    private final FrameCodec codec = new FrameCodec();
    private final Clock clock = new Clock() {
        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private volatile long now = 1_000_000;
    private final RecordingCaller alice = caller("c-alice", "alice");
    private final RecordingCaller bob = caller("c-bob", "bob");
    private final RecordingCaller carol = caller("c-carol", "carol");
    private final List<RecordingCaller> everyone = List.of(alice, bob, carol);
    private RoomRegistry registry;
    private Dispatcher dispatcher;
    private final InboundReader reader = new InboundReader(codec, Settings.of(Map.of()).limits(), kind -> { });

    private static RecordingCaller caller(String id, String user) {
        RecordingCaller caller = new RecordingCaller(id);
        caller.authenticate(new Identity(user, Set.of()));
        return caller;
    }

    private void start(ClusterBus bus, Map<String, String> settings) {
        LocalDirectory directory = new LocalDirectory() {
            @Override
            public List<? extends Member> find(String idOrUser) {
                return everyone.stream().filter(c -> c.id().equals(idOrUser) || idOrUser.equals(c.user())).toList();
            }

            @Override
            public Collection<? extends Member> all() {
                return everyone;
            }
        };
        Settings all = Settings.of(settings);
        registry = new RoomRegistry(bus, codec, new NodeIdentity("n1"), clock, directory, all);
        Map<String, VerbHandler> handlers = new HashMap<>(TestHandlers.all(registry, codec, TestHandlers.permissions(all)));
        handlers.put("tell", new TellHandler(registry, codec, new NodeIdentity("n1"), Observers.NONE));
        dispatcher = new Dispatcher(handlers, codec, all.auth());
    }

    @AfterEach
    void close() {
        codec.close();
    }

    private JsonObject reply(RecordingCaller caller, String frame) {
        caller.take();
        dispatcher.dispatch(caller, reader.read(frame));
        JsonObject reply = caller.take().stream().map(text -> (JsonObject) codec.parse(text))
                .filter(parsed -> "reply".equals(parsed.getString("type"))).findFirst().orElseThrow();
        return reply;
    }

    private JsonObject data(RecordingCaller caller, String frame) {
        JsonObject reply = reply(caller, frame);
        assertTrue(reply.isNull("error"), reply::toString);
        return reply.getJsonObject("data");
    }

    private void join(RecordingCaller caller, String room) {
        data(caller, "{\"type\":\"method\",\"id\":1,\"method\":\"roomAdd\",\"params\":{\"room\":\"" + room + "\"}}");
    }

    private static String say(String room, String message, String key) {
        return "{\"type\":\"method\",\"id\":2,\"method\":\"say\",\"params\":{\"room\":\"" + room + "\",\"message\":\"" + message + "\""
                + (key == null ? "" : ",\"key\":\"" + key + "\"") + "}}";
    }

    private static String tell(String to, String message, String key) {
        return "{\"type\":\"method\",\"id\":3,\"method\":\"tell\",\"params\":{\"to\":\"" + to + "\",\"message\":\"" + message
                + "\",\"key\":\"" + key + "\"}}";
    }

    private static long count(RecordingCaller caller, String event) {
        return caller.take().stream().map(text -> text).filter(text -> text.contains("\"event\":\"" + event + "\"")).count();
    }

    @Test
    void aRepeatedSayIsAnsweredWithTheOriginalAndSentOnce() {
        start(new LocalClusterBus(), Map.of());
        join(alice, "lobby");
        join(bob, "lobby");
        bob.take();
        JsonObject first = data(alice, say("lobby", "hello", "k1"));
        assertFalse(first.isNull("position"), "a keyed say's reply has its position: " + first);
        assertFalse(first.getBoolean("repeated"), first::toString);
        JsonObject again = data(alice, say("lobby", "hello", "k1"));
        assertEquals(Boolean.TRUE, again.getBoolean("repeated"));
        assertEquals(first.getString("messageId"), again.getString("messageId"));
        assertEquals(first.getJsonObject("position"), again.getJsonObject("position"));
        assertEquals(first.getJsonNumber("sentAt"), again.getJsonNumber("sentAt"));
        assertEquals(1, count(bob, "say"), "the room heard it once");
    }

    @Test
    void keysAreTheUsersOwn() {
        start(new LocalClusterBus(), Map.of());
        join(alice, "lobby");
        join(bob, "lobby");
        JsonObject alices = data(alice, say("lobby", "mine", "same"));
        JsonObject bobs = data(bob, say("lobby", "mine too", "same"));
        assertFalse(bobs.getBoolean("repeated"), bobs::toString);
        assertNotEquals(alices.getString("messageId"), bobs.getString("messageId"));
    }

    @Test
    void aSayWithoutAKeyIsSentEachTimeAndItsReplyHasNoPosition() {
        start(new LocalClusterBus(), Map.of());
        join(alice, "lobby");
        join(bob, "lobby");
        bob.take();
        JsonObject first = data(alice, say("lobby", "twice", null));
        assertTrue(first.isNull("position"), first::toString);
        data(alice, say("lobby", "twice", null));
        assertEquals(2, count(bob, "say"));
    }

    @Test
    void aKeyLastsAsLongAsTheRoomsHistoryHoldsItsMessage() {
        start(new LocalClusterBus(), Map.of("switchboard.history.messages", "2"));
        join(alice, "lobby");
        join(bob, "lobby");
        JsonObject first = data(alice, say("lobby", "old", "k-old"));
        data(alice, say("lobby", "newer", "k2"));
        data(alice, say("lobby", "newest", "k3")); // "old" leaves the history: its key with it
        bob.take();
        JsonObject again = data(alice, say("lobby", "old", "k-old"));
        assertFalse(again.getBoolean("repeated"), "out of the window, a key is new again: " + again);
        assertNotEquals(first.getString("messageId"), again.getString("messageId"));
        assertEquals(1, count(bob, "say"));
    }

    @Test
    void aBadKeyIsBadParams() {
        start(new LocalClusterBus(), Map.of());
        join(alice, "lobby");
        for (String key : List.of("\"\"", "\"" + "k".repeat(129) + "\"", "7", "{}")) {
            JsonObject reply = reply(alice, "{\"type\":\"method\",\"id\":2,\"method\":\"say\",\"params\":{\"room\":\"lobby\","
                    + "\"message\":\"x\",\"key\":" + key + "}}");
            assertEquals("BAD_PARAMS", reply.getJsonObject("error").getString("code"), key);
        }
    }

    @Test
    void aSayWhosePlaceNeverComesFailsUnavailableAndTheConnectionStays() {
        start(new ClusterBus() { // a broker that takes messages and loses them
            @Override
            public void publish(Envelope envelope) {
            }

            @Override
            public void deliverTo(Consumer<Envelope> delivery) {
            }

            @Override
            public Link link() {
                return new Link("jms", true, "");
            }
        }, Map.of("switchboard.api.positionTimeoutMillis", "1000"));
        registry.api(Settings.of(Map.of("switchboard.api.positionTimeoutMillis", "1000")).api());
        alice.rooms().add("lobby"); // the bus never brings the join back: in the room as far as the connection knows
        alice.take();
        dispatcher.dispatch(alice, reader.read(say("lobby", "lost", "k-lost")));
        assertEquals(List.of(), alice.take(), "the reply waits for the message's place");
        now += 999;
        registry.tick();
        assertEquals(List.of(), alice.take());
        now += 2;
        registry.tick();
        List<String> frames = alice.take();
        assertEquals(1, frames.size(), frames::toString);
        JsonObject error = ((JsonObject) codec.parse(frames.get(0))).getJsonObject("error");
        assertEquals("UNAVAILABLE", error.getString("code"));
        assertTrue(error.getString("message").contains("a repeat with its key is safe"), error::toString);
        assertEquals(0, alice.closeCode());
    }

    /**
     * A broker that holds messages of one kind (room messages unless told) until told to pass them on (a cluster that
     * is behind), or refuses them while {@code failing} (a broker that is down); the rest goes through.
     */
    static final class HoldingBus implements ClusterBus {
        private final LocalClusterBus local = new LocalClusterBus();
        private final Envelope.Kind kind;
        final List<Envelope> held = new java.util.ArrayList<>();
        volatile boolean failing;
        /** Runs once inside the next publish of the kind, before it is held or refused: a call that comes meanwhile. */
        Runnable meanwhile;

        HoldingBus() {
            this(Envelope.Kind.ROOM);
        }

        HoldingBus(Envelope.Kind kind) {
            this.kind = kind;
        }

        @Override
        public void publish(Envelope envelope) {
            if (envelope.kind() == kind && meanwhile != null) {
                Runnable call = meanwhile;
                meanwhile = null;
                call.run();
            }
            if (envelope.kind() == kind && failing) {
                throw new ClusterUnavailableException("the broker is down", null);
            }
            if (envelope.kind() == kind) {
                held.add(envelope);
            } else {
                local.publish(envelope);
            }
        }

        /** Passes a message on at once, past what is held: another node's, which overtook this node's on the broker. */
        void overtake(Envelope envelope) {
            local.publish(envelope);
        }

        void release() {
            List<Envelope> all = List.copyOf(held);
            held.clear();
            all.forEach(local::publish);
        }

        @Override
        public void deliverTo(Consumer<Envelope> delivery) {
            local.deliverTo(delivery);
        }

        @Override
        public Link link() {
            return new Link("jms", true, "");
        }
    }

    @Test
    void aRepeatOfAKeyWhoseMessageIsStillOnItsWayWaitsForItInsteadOfSendingAnother() {
        HoldingBus bus = new HoldingBus();
        start(bus, Map.of());
        registry.api(Settings.of(Map.of("switchboard.api.positionTimeoutMillis", "1000")).api());
        join(alice, "lobby");
        join(bob, "lobby");
        bob.take();
        alice.take();
        dispatcher.dispatch(alice, reader.read(say("lobby", "late", "k-late")));
        now += 1_001;
        registry.tick(); // the cluster is behind: the first call gives up, the client asks again with the key
        JsonObject gaveUp = ((JsonObject) codec.parse(alice.take().get(0))).getJsonObject("error");
        assertEquals("UNAVAILABLE", gaveUp.getString("code"));
        dispatcher.dispatch(alice, reader.read(say("lobby", "late", "k-late")));
        assertEquals(1, bus.held.size(), "the repeat sent nothing: the first is still on its way");
        assertEquals(List.of(), alice.take(), "its reply waits for the first's place");
        bus.release();
        JsonObject reply = alice.take().stream().map(text -> (JsonObject) codec.parse(text))
                .filter(parsed -> "reply".equals(parsed.getString("type"))).findFirst().orElseThrow();
        assertTrue(reply.isNull("error"), reply::toString);
        assertEquals(Boolean.TRUE, reply.getJsonObject("data").getBoolean("repeated"), reply::toString);
        assertFalse(reply.getJsonObject("data").isNull("position"), reply::toString);
        assertEquals(1, count(bob, "say"), "the room heard it once");
        JsonObject later = data(alice, say("lobby", "late", "k-late"));
        assertEquals(reply.getJsonObject("data").getString("messageId"), later.getString("messageId"));
        assertEquals(Boolean.TRUE, later.getBoolean("repeated"), "from the history now");
        assertEquals(0, bus.held.size());
    }

    @Test
    void aRepeatedTellIsAnsweredWithTheOriginalAndToldOnce() {
        start(new LocalClusterBus(), Map.of());
        bob.take();
        JsonObject first = data(alice, tell("bob", "psst", "t1"));
        assertFalse(first.getBoolean("repeated"), first::toString);
        JsonObject again = data(alice, tell("bob", "psst", "t1"));
        assertEquals(Boolean.TRUE, again.getBoolean("repeated"));
        assertEquals(first.getString("messageId"), again.getString("messageId"));
        assertEquals(1, count(bob, "tell"));
        JsonObject carols = data(carol, tell("bob", "psst", "t1"));
        assertFalse(carols.getBoolean("repeated"), "another user's same key is another key");
        assertEquals(1, count(bob, "tell"));
    }

    @Test
    void aTellKeyIsForgottenAfterItsTime() {
        start(new LocalClusterBus(), Map.of("switchboard.history.tellKeySeconds", "60"));
        data(alice, tell("bob", "psst", "t1"));
        now += 59_000;
        registry.tick();
        assertEquals(Boolean.TRUE, data(alice, tell("bob", "psst", "t1")).getBoolean("repeated"));
        bob.take();
        now += 2_000;
        registry.tick();
        JsonObject later = data(alice, tell("bob", "psst", "t1"));
        assertFalse(later.getBoolean("repeated"), "past its time, the key is new again: " + later);
        assertEquals(1, count(bob, "tell"));
    }

    @Test
    void aRepeatThatCrossedTheOriginalInTheClusterIsDroppedOnDelivery() {
        LocalClusterBus bus = new LocalClusterBus();
        start(bus, Map.of());
        bob.take();
        String frame = "{\"type\":\"event\",\"event\":\"tell\",\"data\":{\"messageId\":\"m1\"}}";
        assertNull(registry.tell("bob", frame, "tell:5:alice:t9", "m1"));
        // a repeat sent by another node before it saw the first
        bus.publish(Envelope.direct("n2", "bob", frame.replace("m1", "m2"), "tell:5:alice:t9"));
        assertEquals(List.of(frame), bob.take());
        assertEquals("m1", registry.toldBefore("tell:5:alice:t9"));
    }

    @Test
    void aRepeatOfATellStillOnItsWayThroughTheBrokerSendsNothingAndIsAnsweredWithTheOriginal() {
        HoldingBus bus = new HoldingBus(Envelope.Kind.DIRECT);
        start(bus, Map.of());
        bob.take();
        JsonObject first = data(alice, tell("bob", "psst", "t1"));
        assertFalse(first.getBoolean("repeated"), first::toString);
        JsonObject again = data(alice, tell("bob", "psst", "t1"));
        assertEquals(Boolean.TRUE, again.getBoolean("repeated"), "the first is not back from the broker yet: " + again);
        assertEquals(first.getString("messageId"), again.getString("messageId"));
        assertEquals(1, bus.held.size(), "the repeat sent nothing");
        bus.release();
        assertEquals(1, count(bob, "tell"));
    }

    @Test
    void aRepeatWhileTheFirstIsStillBeingSentIsToldToTryAgainAndSendsOnceTheFirstFailed() {
        HoldingBus bus = new HoldingBus(Envelope.Kind.DIRECT);
        start(bus, Map.of());
        bob.take();
        List<JsonObject> meanwhile = new java.util.ArrayList<>();
        // the first send hangs (a broker switching over); the client, reconnected, repeats the tell meanwhile; then
        // the first send fails
        bus.meanwhile = () -> meanwhile.add(reply(alice, tell("bob", "psst", "t1")));
        bus.failing = true;
        JsonObject first = reply(alice, tell("bob", "psst", "t1"));
        assertEquals("UNAVAILABLE", first.getJsonObject("error").getString("code"), first::toString);
        JsonObject repeat = meanwhile.get(0).getJsonObject("error");
        assertEquals("UNAVAILABLE", repeat.getString("code"), "not told it was sent while that may yet fail: " + repeat);
        assertTrue(repeat.getString("message").contains("a repeat with its key is safe"), repeat::toString);

        bus.failing = false;
        JsonObject retry = data(alice, tell("bob", "psst", "t1"));
        assertFalse(retry.getBoolean("repeated"), "the first was never sent: " + retry);
        JsonObject again = data(alice, tell("bob", "psst", "t1"));
        assertEquals(Boolean.TRUE, again.getBoolean("repeated"));
        assertEquals(retry.getString("messageId"), again.getString("messageId"));
        bus.release();
        assertEquals(1, count(bob, "tell"));
    }

    @Test
    void aRepeatFromAnotherNodeThatOvertookThisNodesTellOnTheBrokerIsTheOneDeliveredAndThisNodesIsDropped() {
        HoldingBus bus = new HoldingBus(Envelope.Kind.DIRECT);
        start(bus, Map.of());
        bob.take();
        String frame = "{\"type\":\"event\",\"event\":\"tell\",\"data\":{\"messageId\":\"m1\"}}";
        String overtaking = frame.replace("m1", "m2");
        assertNull(registry.tell("bob", frame, "tell:5:alice:t9", "m1"));
        bus.overtake(Envelope.direct("n2", "bob", overtaking, "tell:5:alice:t9"));
        bus.release();
        assertEquals(List.of(overtaking), bob.take(), "the first to come through the broker, on every node alike");
        assertEquals("m2", registry.toldBefore("tell:5:alice:t9"));
    }

    @Test
    void aTellThatCouldNotBeSentLeavesItsKeyForTheRetry() {
        HoldingBus bus = new HoldingBus(Envelope.Kind.DIRECT);
        start(bus, Map.of());
        bob.take();
        bus.failing = true;
        JsonObject failed = reply(alice, tell("bob", "psst", "t1"));
        assertEquals("UNAVAILABLE", failed.getJsonObject("error").getString("code"), failed::toString);
        bus.failing = false;
        JsonObject retry = data(alice, tell("bob", "psst", "t1"));
        assertFalse(retry.getBoolean("repeated"), "nothing was sent before: " + retry);
        bus.release();
        assertEquals(1, count(bob, "tell"));
    }
}
