package dev.switchboard.cluster;

import dev.switchboard.protocol.Position;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * How an {@link Envelope} travels as a JMS message: its payload as the text, the rest as properties — id, origin, kind,
 * room and target; a join's user and time; a sequenced room message's position; when the publishing node sent it; and
 * for ordered traffic the message group ({@code JMSXGroupID}) that gives a room one sequencer consumer.
 */
final class JmsMessages {

    static final String ID = "sbId";
    static final String ORIGIN = "sbOrigin";
    static final String KIND = "sbKind";
    static final String ROOM = "sbRoom";
    static final String TARGET = "sbTarget";
    static final String GROUP = "JMSXGroupID";
    static final String EPOCH = "sbEpoch";
    static final String OFFSET = "sbOffset";
    /** When the publishing node sent it (its clock, epoch milliseconds): for the lag metric and the round trip. */
    static final String SENT_AT = "sbSentAt";
    /** A join's member: its user (absent when anonymous) and when it joined. */
    static final String USER = "sbUser";
    static final String AT = "sbAt";
    /**
     * On a sequencer's forward: the forwarder (a node's sequencer consumer, {@code <node id>.f}: one count for the node's
     * life, across the JMS contexts it renews) and the forward's number in its count. On a heartbeat: its node's forwarder and how far it had counted when the heartbeat left
     * ({@link Forwards}).
     */
    static final String FORWARDER = "sbFwd";
    static final String FORWARD = "sbFwdNo";
    /** On a forward sent again ({@link Envelope.Kind#FORWARDS_WANTED}): the one node it is for; the others drop it. */
    static final String FOR = "sbFor";

    private JmsMessages() {
    }

    /** Whether the envelope's kind is room traffic, put in order by the sequencer first. */
    static boolean ordered(Envelope envelope) {
        return envelope.kind() == Envelope.Kind.ROOM || envelope.kind() == Envelope.Kind.JOIN
                || envelope.kind() == Envelope.Kind.LEAVE;
    }

    /**
     * Whether the envelope is presence bookkeeping that the cluster repairs by itself when it is lost — a heartbeat
     * carries the origin's counts, and a replica that drifted from them asks for a snapshot — so that it goes
     * {@code NON_PERSISTENT}: sent without waiting for the broker. These go to the topic, whose subscriptions are not
     * durable, so persistence bought nothing but a round trip to the broker per connection opened and per {@code auth}
     * (two of the three a re-connecting client made). They keep one order among themselves, all sent the same way.
     */
    static boolean repairable(Envelope envelope) {
        return switch (envelope.kind()) {
            case CONNECT, DISCONNECT, HEARTBEAT, HELLO, SNAPSHOT -> true;
            default -> false;
        };
    }

    /** The envelope as a message with this id, sent now. */
    static TextMessage of(JMSContext context, Envelope envelope, String id) throws JMSException {
        TextMessage message = context.createTextMessage(envelope.payload());
        message.setStringProperty(ID, id);
        if (ordered(envelope)) {
            message.setStringProperty(GROUP, RoomSequences.groupOf(envelope.room()));
        }
        message.setStringProperty(ORIGIN, envelope.origin());
        message.setStringProperty(KIND, envelope.kind().name());
        message.setStringProperty(ROOM, envelope.room());
        message.setStringProperty(TARGET, envelope.target());
        message.setLongProperty(SENT_AT, System.currentTimeMillis());
        if (envelope.user() != null) {
            message.setStringProperty(USER, envelope.user());
        }
        if (envelope.at() != 0) {
            message.setLongProperty(AT, envelope.at());
        }
        return message;
    }

    /** A copy of a message from the sequencer queue to pass on to the topic: the same text and properties, no group. */
    static TextMessage copy(JMSContext context, Message message) throws JMSException {
        return Copied.of(message).message(context);
    }

    /**
     * What a forward carries of the message the sequencer queue held — its text and the properties a receiver reads —
     * read once: the sequencer consumer makes its forward from it and keeps it ({@link KeptForwards}) to send again.
     */
    record Copied(String text, String id, String origin, String kind, String room, String target, String user, Long sentAt,
            Long at) {

        static Copied of(Message message) throws JMSException {
            return new Copied(((TextMessage) message).getText(), message.getStringProperty(ID), message.getStringProperty(ORIGIN),
                    message.getStringProperty(KIND), message.getStringProperty(ROOM), message.getStringProperty(TARGET),
                    message.propertyExists(USER) ? message.getStringProperty(USER) : null,
                    message.propertyExists(SENT_AT) ? message.getLongProperty(SENT_AT) : null,
                    message.propertyExists(AT) ? message.getLongProperty(AT) : null);
        }

        /** A new message with this text and these properties, no group. */
        TextMessage message(JMSContext context) throws JMSException {
            TextMessage forward = context.createTextMessage(text);
            forward.setStringProperty(ID, id);
            forward.setStringProperty(ORIGIN, origin);
            forward.setStringProperty(KIND, kind);
            forward.setStringProperty(ROOM, room);
            forward.setStringProperty(TARGET, target);
            if (user != null) {
                forward.setStringProperty(USER, user);
            }
            if (sentAt != null) {
                forward.setLongProperty(SENT_AT, sentAt);
            }
            if (at != null) {
                forward.setLongProperty(AT, at);
            }
            return forward;
        }
    }

    /**
     * Whether a failed send may have reached the broker all the same: the link broke while the send waited for the
     * broker's answer. Artemis says so with AMQ219016 ({@code ActiveMQUnBlockedException}: "Connection failure detected.
     * Unblocking a blocking call that will never get a response", seen when a primary dies and its backup takes over)
     * and AMQ219014 (a call that timed out). Every other failure (no connection, a refused message) means not sent.
     */
    static boolean outcomeUnknown(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++) {
            String name = cause.getClass().getSimpleName();
            String message = String.valueOf(cause.getMessage());
            if (name.equals("ActiveMQUnBlockedException") || name.equals("ActiveMQConnectionTimedOutException")
                    || message.startsWith("AMQ219016") || message.startsWith("AMQ219014")) {
                return true;
            }
            cause = cause.getCause() != null ? cause.getCause()
                    : cause instanceof JMSException jms ? jms.getLinkedException() : null;
        }
        return false;
    }

    /** When the publishing node sent it, or {@code otherwise} when it does not say. */
    static long sentAt(Message message, long otherwise) throws JMSException {
        return message.propertyExists(SENT_AT) ? message.getLongProperty(SENT_AT) : otherwise;
    }

    /** The envelope a message from the topic carries. */
    static Envelope envelope(Message message, String origin) throws JMSException {
        String epoch = message.getStringProperty(EPOCH);
        return new Envelope(origin, Envelope.Kind.valueOf(message.getStringProperty(KIND)), message.getStringProperty(ROOM),
                message.getStringProperty(TARGET), ((TextMessage) message).getText(),
                epoch == null ? null : new Position(epoch, message.getLongProperty(OFFSET)),
                message.getStringProperty(USER), message.propertyExists(AT) ? message.getLongProperty(AT) : 0);
    }
}
