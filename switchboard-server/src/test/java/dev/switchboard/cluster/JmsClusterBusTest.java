package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.ClusterSettings;
import dev.switchboard.metrics.Meters;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The bus's own wiring of the signs of loss, on JMS fakes (interfaces answered by {@link Proxy}: the messages are maps of
 * properties, a producer records what it sends): a room group ordered by another node re-sends the waiting messages of
 * that group, and of no other, without waiting for the node timeout; and which envelopes wait for the broker.
 */
class JmsClusterBusTest {

    /** The ids of the messages sent through the fakes, in order. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final JmsClusterBus bus = new JmsClusterBus();

    JmsClusterBusTest() {
        bus.node = new NodeIdentity("me");
        bus.meters = new Meters();
        bus.settings = new ClusterSettings(ClusterSettings.Mode.JMS, Duration.ofSeconds(2), Duration.ofSeconds(6));
        bus.jms = context();
    }

    @Test
    void aRoomGroupOrderedByAnotherNodeReSendsWhatThisNodeSentToItsGroupOnlyAndSoon() throws Exception {
        String lobby = "lobby";
        String hall = otherGroupThan(lobby);
        bus.publish(Envelope.room("me", lobby, "{}", null));
        bus.publish(Envelope.room("me", hall, "{}", null));
        String lobbyId = sent.get(0);
        String hallId = sent.get(1);
        sent.clear();
        // another node's says in lobby: ordered by node a, then by node b — a's consumer is gone with what it held
        bus.received(roomMessage("other-1", lobby, "a"));
        bus.received(roomMessage("other-2", lobby, "b"));
        JMSContext topicReceiver = context();
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> {
            bus.resendOverdue(topicReceiver);
            return sent.contains(lobbyId);
        });
        assertTrue(!sent.contains(hallId), "hall's group did not move: its message is only waiting, not lost " + sent);
        assertNotEquals(lobbyId, hallId);
    }

    private static String otherGroupThan(String room) {
        for (int i = 0;; i++) {
            if (RoomSequences.groupIndex("hall" + i) != RoomSequences.groupIndex(room)) {
                return "hall" + i;
            }
        }
    }

    /** A room message from the topic: another node's, with a position that names the node that ordered it. */
    private Message roomMessage(String id, String room, String orderer) {
        Map<String, Object> properties = new HashMap<>(Map.of(JmsMessages.ID, id, JmsMessages.ORIGIN, "other",
                JmsMessages.KIND, Envelope.Kind.ROOM.name(), JmsMessages.ROOM, room, JmsMessages.TARGET, "",
                JmsMessages.EPOCH, orderer, JmsMessages.OFFSET, 1L));
        return message(properties, "{}");
    }

    @Test
    void presenceBookkeepingIsSentWithoutWaitingForTheBrokerRoomTrafficAndDirectFramesAreNot() {
        bus.publish(Envelope.control("me", Envelope.Kind.CONNECT, "c1", "{}"));
        bus.publish(Envelope.control("me", Envelope.Kind.HEARTBEAT, "", "{}"));
        bus.publish(Envelope.control("me", Envelope.Kind.DISCONNECT, "c1", ""));
        bus.publish(Envelope.room("me", "lobby", "{}", null));
        bus.publish(Envelope.join("me", "lobby", "c2", "ann", 1, "{}"));
        bus.publish(Envelope.direct("me", "ann", "{}", null));
        bus.publish(Envelope.control("me", Envelope.Kind.BYE, "", ""));
        assertEquals(List.of(DeliveryMode.NON_PERSISTENT, DeliveryMode.NON_PERSISTENT, DeliveryMode.NON_PERSISTENT,
                DeliveryMode.PERSISTENT, DeliveryMode.PERSISTENT, DeliveryMode.PERSISTENT, DeliveryMode.PERSISTENT), modes);
    }

    @Test
    void theSequencerNumbersItsForwardsOnceAcrossContextsAndAHeartbeatSaysHowFarItGot() throws Exception {
        JMSContext first = context();
        bus.sequence(first, queued("q1"));
        bus.sequence(first, queued("q2"));
        JMSContext renewed = context();
        bus.sequence(renewed, queued("q3"));
        assertEquals(List.of("me.f/1", "me.f/2", "me.f/3"), forwards, "a renewed context goes on counting");

        bus.publish(Envelope.control("me", Envelope.Kind.HEARTBEAT, "", "{}"));
        assertEquals("me.f/3", claims.get(claims.size() - 1), "the heartbeat says how far this node's forwarder got");
        bus.publish(Envelope.control("me", Envelope.Kind.CONNECT, "c1", "{}"));
        assertEquals(1, claims.size(), "only heartbeats say it");
    }

    @Test
    void aForwardWhoseNumberSkipsIsAGapForThisNodesRecovery() throws Exception {
        int[] gaps = {0};
        bus.onGap(() -> gaps[0]++);
        bus.received(forward("m1", "a.f1", 1));
        bus.received(forward("m2", "a.f1", 2));
        assertEquals(0, gaps[0]);
        bus.received(forward("m4", "a.f1", 4));
        assertEquals(1, gaps[0], "forward 3 was lost on the way: recovery from before it must say so");

        sent.clear();
        bus.askAndRepair(context());
        assertEquals(List.of(Envelope.Kind.FORWARDS_WANTED.name() + " a.f1 3-3"), asked, "its forwarder's node is asked for it");
    }

    @Test
    void aNodeThatMissedForwardsGetsThemAgainFromTheForwardersNodeAndOnlyIt() throws Exception {
        JMSContext sequencer = context();
        for (int i = 1; i <= 5; i++) {
            bus.sequence(sequencer, queued("q" + i));
        }
        sent.clear();
        Map<String, Object> ask = new HashMap<>(Map.of(JmsMessages.ID, "w1", JmsMessages.ORIGIN, "b",
                JmsMessages.KIND, Envelope.Kind.FORWARDS_WANTED.name(), JmsMessages.ROOM, "", JmsMessages.TARGET, "me.f"));
        bus.received(message(ask, "2-4"));
        bus.askAndRepair(context());
        assertEquals(List.of("q2>b", "q3>b", "q4>b"), repaired, "the ones asked for, in order, for node b only");

        // the copies on the topic: node b takes them, every other node drops them (it had them)
        List<Envelope> delivered = new java.util.ArrayList<>();
        bus.deliverTo(delivered::add);
        Map<String, Object> forB = new HashMap<>(Map.of(JmsMessages.ID, "q3", JmsMessages.ORIGIN, "other",
                JmsMessages.KIND, Envelope.Kind.ROOM.name(), JmsMessages.ROOM, "lobby", JmsMessages.TARGET, "",
                JmsMessages.EPOCH, "me", JmsMessages.OFFSET, 3L, JmsMessages.FOR, "b"));
        bus.received(message(forB, "{}"));
        assertEquals(List.of(), delivered, "this node is not b");
    }

    @Test
    void forwardsAfterOneLostOnTheWayWaitForItAndGoOnInTheOrderTheyWereForwarded() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        bus.deliverTo(envelope -> delivered.add(envelope.payload()));
        bus.received(forward("m1", "a.f", 1));
        bus.received(forward("m2", "a.f", 2));
        bus.received(forward("m4", "a.f", 4)); // 3 was lost on the way here
        bus.received(forward("n1", "b.f", 7)); // another sequencer's: it came after the loss, so it waits too
        assertEquals(List.of("m1", "m2"), delivered);
        Map<String, Object> again = new HashMap<>(Map.of(JmsMessages.ID, "m3", JmsMessages.ORIGIN, "other",
                JmsMessages.KIND, Envelope.Kind.ROOM.name(), JmsMessages.ROOM, "lobby", JmsMessages.TARGET, "",
                JmsMessages.EPOCH, "a", JmsMessages.OFFSET, 3L, JmsMessages.FOR, "me", JmsMessages.FORWARDER, "a.f",
                JmsMessages.FORWARD, 3L));
        bus.received(message(again, "m3")); // node a sent it again, to this node only
        assertEquals(List.of("m1", "m2", "m3", "m4", "n1"), delivered, "in its place, then those that waited");
        bus.received(forward("m5", "a.f", 5));
        assertEquals("m5", delivered.get(delivered.size() - 1), "nothing waits any more");
    }

    @Test
    void forwardsWaitNoLongerForANodeThatIsLost() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        bus.deliverTo(envelope -> delivered.add(envelope.payload()));
        bus.received(forward("m1", "a.f", 1));
        bus.received(forward("m3", "a.f", 3));
        assertEquals(List.of("m1"), delivered);
        bus.nodeLost("a");
        bus.idle(context());
        assertEquals(List.of("m1", "m3"), delivered, "node a will not send forward 2 again");
        bus.received(forward("m2", "a.f", 2));
        assertEquals(List.of("m1", "m3", "m2"), delivered, "one that comes after all is delivered late, not dropped");
    }

    /** A room message of another node's, as its sequencer forwarded it: numbered by its forwarder. */
    private Message forward(String id, String forwarder, long number) {
        Map<String, Object> properties = new HashMap<>(Map.of(JmsMessages.ID, id, JmsMessages.ORIGIN, "other",
                JmsMessages.KIND, Envelope.Kind.ROOM.name(), JmsMessages.ROOM, "lobby", JmsMessages.TARGET, "",
                JmsMessages.EPOCH, "a", JmsMessages.OFFSET, number, JmsMessages.FORWARDER, forwarder, JmsMessages.FORWARD, number));
        return message(properties, id);
    }

    /** A room message as the sequencer queue holds it. */
    private Message queued(String id) {
        Map<String, Object> properties = new HashMap<>(Map.of(JmsMessages.ID, id, JmsMessages.ORIGIN, "me",
                JmsMessages.KIND, Envelope.Kind.ROOM.name(), JmsMessages.ROOM, "lobby", JmsMessages.TARGET, ""));
        return message(properties, "{}");
    }

    /** What the fakes sent to the topic as forwards ({@code forwarder/number}), and what heartbeats claimed. */
    private final List<String> forwards = new CopyOnWriteArrayList<>();
    private final List<String> claims = new CopyOnWriteArrayList<>();
    /** The forwards asked for ({@code kind forwarder from-to}), and those sent again ({@code id>node}). */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> repaired = new CopyOnWriteArrayList<>();

    /** The delivery mode of each message sent through the fakes, in order. */
    private final List<Integer> modes = new CopyOnWriteArrayList<>();

    /** A producer that records the id and the delivery mode (JMS's default: persistent) of what it sends. */
    private JMSProducer producer() {
        int[] mode = {DeliveryMode.PERSISTENT};
        return (JMSProducer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSProducer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setDeliveryMode")) {
                        mode[0] = (Integer) args[0];
                    } else if (method.getName().equals("send")) {
                        Message message = (Message) args[1];
                        sent.add(message.getStringProperty(JmsMessages.ID));
                        modes.add(mode[0]);
                        if (Envelope.Kind.FORWARDS_WANTED.name().equals(message.getStringProperty(JmsMessages.KIND))) {
                            asked.add(message.getStringProperty(JmsMessages.KIND) + " " + message.getStringProperty(JmsMessages.TARGET)
                                    + " " + ((TextMessage) message).getText());
                        }
                        if (message.getStringProperty(JmsMessages.FOR) != null) {
                            repaired.add(message.getStringProperty(JmsMessages.ID) + ">" + message.getStringProperty(JmsMessages.FOR));
                        }
                        if (message.getStringProperty(JmsMessages.FORWARDER) != null) {
                            String counted = message.getStringProperty(JmsMessages.FORWARDER) + "/" + message.getLongProperty(JmsMessages.FORWARD);
                            (Envelope.Kind.HEARTBEAT.name().equals(message.getStringProperty(JmsMessages.KIND)) ? claims : forwards).add(counted);
                        }
                    }
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
    }

    /** A context whose producers record what they send, and whose messages are maps. */
    private JMSContext context() {
        return (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createProducer" -> producer();
                    case "createTextMessage" -> message(new HashMap<>(), args == null ? null : (String) args[0]);
                    default -> null;
                });
    }

    private TextMessage message(Map<String, Object> properties, String text) {
        String[] body = {text};
        return (TextMessage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setStringProperty", "setLongProperty" -> {
                        properties.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "getStringProperty" -> (String) properties.get(args[0]);
                    case "getLongProperty" -> (Long) properties.get(args[0]);
                    case "propertyExists" -> properties.containsKey(args[0]);
                    case "getText" -> body[0];
                    case "setText" -> {
                        body[0] = (String) args[0];
                        yield null;
                    }
                    default -> null;
                });
    }
}
