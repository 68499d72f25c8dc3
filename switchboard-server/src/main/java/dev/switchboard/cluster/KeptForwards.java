package dev.switchboard.cluster;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The last forwards of this node's sequencer consumer, by their number, so that a node that missed some ({@link Forwards})
 * can have them again: what a dying primary broker held for that node's subscription is gone with it, while every node
 * that had them already — the publisher's among them, which answered its caller — keeps them. A ring of {@code capacity};
 * the sequencer's thread adds, the topic receiver's reads.
 */
final class KeptForwards {

    /** One forward as it went to the topic: its text and the properties a receiver reads. */
    record Kept(String forwarder, long number, String text, String id, String origin, String kind, String room,
            String target, String user, Long sentAt, Long at, String epoch, Long offset) {

        /** The forward as a new message, for another send. */
        TextMessage message(JMSContext context) throws JMSException {
            TextMessage message = context.createTextMessage(text);
            message.setStringProperty(JmsMessages.ID, id);
            message.setStringProperty(JmsMessages.ORIGIN, origin);
            message.setStringProperty(JmsMessages.KIND, kind);
            message.setStringProperty(JmsMessages.ROOM, room);
            message.setStringProperty(JmsMessages.TARGET, target);
            if (user != null) {
                message.setStringProperty(JmsMessages.USER, user);
            }
            if (sentAt != null) {
                message.setLongProperty(JmsMessages.SENT_AT, sentAt);
            }
            if (at != null) {
                message.setLongProperty(JmsMessages.AT, at);
            }
            if (epoch != null) {
                message.setStringProperty(JmsMessages.EPOCH, epoch);
                message.setLongProperty(JmsMessages.OFFSET, offset);
            }
            return message;
        }
    }

    private final Kept[] ring;

    KeptForwards(int capacity) {
        this.ring = new Kept[capacity];
    }

    /** Keeps a forward as it is sent: its properties read from it. */
    void keep(String forwarder, long number, TextMessage forward) throws JMSException {
        Kept kept = new Kept(forwarder, number, forward.getText(), forward.getStringProperty(JmsMessages.ID),
                forward.getStringProperty(JmsMessages.ORIGIN), forward.getStringProperty(JmsMessages.KIND),
                forward.getStringProperty(JmsMessages.ROOM), forward.getStringProperty(JmsMessages.TARGET),
                forward.getStringProperty(JmsMessages.USER), longOf(forward, JmsMessages.SENT_AT), longOf(forward, JmsMessages.AT),
                forward.getStringProperty(JmsMessages.EPOCH), longOf(forward, JmsMessages.OFFSET));
        synchronized (this) {
            ring[(int) (number % ring.length)] = kept;
        }
    }

    private static Long longOf(Message message, String name) throws JMSException {
        return message.propertyExists(name) ? message.getLongProperty(name) : null;
    }

    /** The kept forwards of {@code forwarder} numbered {@code from} to {@code to}, in order; those no longer kept are not. */
    synchronized List<Kept> range(String forwarder, long from, long to) {
        List<Kept> found = new ArrayList<>();
        for (long number = Math.max(from, to - ring.length + 1); number <= to; number++) {
            Kept kept = ring[(int) (number % ring.length)];
            if (kept != null && kept.number() == number && kept.forwarder().equals(forwarder)) {
                found.add(kept);
            }
        }
        return found;
    }
}
