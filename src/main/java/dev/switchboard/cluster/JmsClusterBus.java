package dev.switchboard.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The cluster bus over JMS: one topic that every node's {@link ClusterListener} receives, its own
 * messages included, and one queue where room traffic is put in order first ({@link SequencerListener}).
 *
 * <p>Why the queue: with several producers, a broker routes each message to each subscription on its
 * own, so two nodes' subscriptions can get two concurrent messages in different orders (seen with
 * Artemis in {@code ClusterIT}). Room traffic therefore goes to the sequencer queue grouped by room;
 * one consumer per room republishes it to the topic with blocking sends, one after another. Control
 * traffic (presence, heartbeats, direct messages) needs no order and goes straight to the topic.
 *
 * <p>Messages are text messages: the payload as body; id, origin, kind, room and target as properties.
 * A message delivered twice (a sequencer died after publishing, before acknowledging) is dropped by id.
 */
@ApplicationScoped
@Typed(JmsClusterBus.class)
public class JmsClusterBus implements ClusterBus {

    /** The topic, declared by {@link ClusterListener}'s {@code @JMSDestinationDefinition}. */
    public static final String TOPIC = "java:app/jms/switchboard/cluster";
    /** Its name on the broker. */
    public static final String TOPIC_NAME = "switchboard.cluster";
    /** The queue that orders room traffic, declared by {@link SequencerListener}. */
    public static final String SEQUENCER = "java:app/jms/switchboard/sequencer";
    public static final String SEQUENCER_NAME = "switchboard.sequencer";

    static final String ID = "sbId";
    static final String ORIGIN = "sbOrigin";
    static final String KIND = "sbKind";
    static final String ROOM = "sbRoom";
    static final String TARGET = "sbTarget";

    @Inject
    JMSContext jms;

    @Resource(lookup = TOPIC)
    Topic topic;

    @Resource(lookup = SEQUENCER)
    Queue sequencer;

    @Inject
    NodeIdentity node;

    private final Map<String, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };

    /** How many recent envelope ids each node remembers to drop redelivered duplicates. */
    static final int RECENT_IDS = 10_000;

    private volatile Consumer<Envelope> delivery = envelope -> {
    };

    @Override
    @ActivateRequestContext
    public void publish(Envelope envelope) {
        try {
            TextMessage message = jms.createTextMessage(envelope.payload());
            boolean ordered = envelope.kind() == Envelope.Kind.ROOM || envelope.kind() == Envelope.Kind.JOIN
                    || envelope.kind() == Envelope.Kind.LEAVE;
            message.setStringProperty(ID, node.nextMessageId());
            if (ordered) {
                message.setStringProperty("JMSXGroupID", envelope.room());
            }
            message.setStringProperty(ORIGIN, envelope.origin());
            message.setStringProperty(KIND, envelope.kind().name());
            message.setStringProperty(ROOM, envelope.room());
            message.setStringProperty(TARGET, envelope.target());
            jms.createProducer().send(ordered ? sequencer : topic, message);
        } catch (JMSException | JMSRuntimeException e) {
            throw new ClusterUnavailableException("the cluster bus cannot take messages: " + e.getMessage(), e);
        }
    }

    /** What {@link SequencerListener} calls: the message goes on to the topic, in the order it came. */
    @ActivateRequestContext
    void sequence(Message message) throws JMSException {
        TextMessage forward = jms.createTextMessage(((TextMessage) message).getText());
        for (String property : new String[] {ID, ORIGIN, KIND, ROOM, TARGET}) {
            forward.setStringProperty(property, message.getStringProperty(property));
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, forward);
    }

    @Override
    public void deliverTo(Consumer<Envelope> delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /** Whether JMS works here: tried, not looked up (a server without a JMS provider may still resolve the beans). */
    @ActivateRequestContext
    public boolean works() {
        try {
            jms.createProducer();
            jms.createTextMessage("probe");
            return topic != null && sequencer != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** What {@link ClusterListener} calls for every message of the topic. */
    void received(Message message) throws JMSException {
        String id = message.getStringProperty(ID);
        if (id != null) {
            synchronized (recent) {
                if (recent.put(id, Boolean.TRUE) != null) {
                    return;
                }
            }
        }
        Envelope envelope = new Envelope(message.getStringProperty(ORIGIN),
                Envelope.Kind.valueOf(message.getStringProperty(KIND)), message.getStringProperty(ROOM),
                message.getStringProperty(TARGET), ((TextMessage) message).getText());
        delivery.accept(envelope);
    }
}
