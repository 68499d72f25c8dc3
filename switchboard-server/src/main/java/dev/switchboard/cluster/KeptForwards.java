package dev.switchboard.cluster;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
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

    /** One forward as it went to the topic: what it carried of the queued message, and its position. */
    record Kept(String forwarder, long number, JmsMessages.Copied copied, String epoch, Long offset) {

        /** The forward as a new message, for another send: with its number, so that it fills its place ({@link ForwardOrder}). */
        TextMessage message(JMSContext context) throws JMSException {
            TextMessage message = copied.message(context);
            message.setStringProperty(JmsMessages.FORWARDER, forwarder);
            message.setLongProperty(JmsMessages.FORWARD, number);
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

    /** Keeps a forward as it is sent. */
    synchronized void keep(Kept forward) {
        ring[(int) (forward.number() % ring.length)] = forward;
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
