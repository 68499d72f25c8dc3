package dev.switchboard.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The cluster bus over one JMS topic: every node publishes to it and every node's
 * {@link ClusterListener} receives everything, its own messages included, so that all nodes deliver
 * a room's frames in the order the broker gave them. Messages are text messages: the frame as body,
 * origin, kind, room and target as properties.
 */
@ApplicationScoped
@Typed(JmsClusterBus.class)
public class JmsClusterBus implements ClusterBus {

    /** The topic, declared by {@link ClusterListener}'s {@code @JMSDestinationDefinition}. */
    public static final String TOPIC = "java:app/jms/switchboard/cluster";
    /** Its name on the broker (an external Artemis shows it as {@code jms.topic.switchboard.cluster} or {@code switchboard.cluster}). */
    public static final String TOPIC_NAME = "switchboard.cluster";

    static final String ORIGIN = "sbOrigin";
    static final String KIND = "sbKind";
    static final String ROOM = "sbRoom";
    static final String TARGET = "sbTarget";

    @Inject
    JMSContext jms;

    @Resource(lookup = TOPIC)
    Topic topic;

    private volatile Consumer<Envelope> delivery = envelope -> {
    };

    @Override
    @ActivateRequestContext
    public void publish(Envelope envelope) {
        TextMessage message = jms.createTextMessage(envelope.payload());
        try {
            message.setStringProperty(ORIGIN, envelope.origin());
            message.setStringProperty(KIND, envelope.kind().name());
            message.setStringProperty(ROOM, envelope.room());
            message.setStringProperty(TARGET, envelope.target());
        } catch (JMSException e) {
            throw new IllegalStateException("could not build a cluster message", e);
        }
        jms.createProducer().send(topic, message);
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
            return topic != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** What {@link ClusterListener} calls for every message of the topic. */
    void received(Message message) throws JMSException {
        Envelope envelope = new Envelope(message.getStringProperty(ORIGIN),
                Envelope.Kind.valueOf(message.getStringProperty(KIND)), message.getStringProperty(ROOM),
                message.getStringProperty(TARGET), ((TextMessage) message).getText());
        delivery.accept(envelope);
    }
}
