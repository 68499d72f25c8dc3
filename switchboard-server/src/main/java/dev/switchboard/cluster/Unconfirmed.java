package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room messages this node published that have not yet come back to it on the topic, oldest
 * first. A message that takes longer than the limit is handed out to be sent again and waits anew; at
 * most {@code capacity} wait, beyond which the oldest are given up and counted. Thread-safe.
 */
final class Unconfirmed {

    /**
     * One message waiting for its echo.
     *
     * @param sentAtMillis when it was last sent or last found overdue: it is due again {@code resendAfterMillis} later
     * @param lastSentAtMillis when it was last put on the bus: first sent, or sent again ({@link #resent})
     */
    record Waiting(String id, Envelope envelope, long sentAtMillis, long lastSentAtMillis) {
    }

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final long resendAfterMillis;
    private final int capacity;
    private long givenUp;

    Unconfirmed(long resendAfterMillis, int capacity) {
        this.resendAfterMillis = resendAfterMillis;
        this.capacity = capacity;
    }

    synchronized void sent(String id, Envelope envelope, long nowMillis) {
        waiting.put(id, new Waiting(id, envelope, nowMillis, nowMillis));
        if (waiting.size() > capacity) {
            Iterator<Waiting> oldest = waiting.values().iterator();
            oldest.next();
            oldest.remove();
            givenUp++;
        }
    }

    /**
     * The message came back (or could not be sent at all): it no longer waits. Returns when it was last put on the bus,
     * or -1 when it was not waiting (a copy, or given up).
     */
    synchronized long confirmed(String id) {
        Waiting message = waiting.remove(id);
        return message == null ? -1 : message.lastSentAtMillis();
    }

    /** The messages older than the limit, in the order they were sent; each waits anew from now. */
    synchronized List<Waiting> overdue(long nowMillis) {
        List<Waiting> overdue = new ArrayList<>();
        for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext();) {
            Waiting message = it.next();
            if (nowMillis - message.sentAtMillis() < resendAfterMillis) {
                break;
            }
            overdue.add(message);
            it.remove();
        }
        overdue.forEach(message -> waiting.put(message.id(), new Waiting(message.id(), message.envelope(), nowMillis, message.lastSentAtMillis())));
        return overdue;
    }

    /**
     * After a sign of loss: the messages put on the bus before it ({@code lossAtMillis}) that have waited at least
     * {@code afterMillis} since, in the order sent, whatever their next due time. Asked every round, so that one sent just
     * before the sign goes once it has waited that long, not at its next due time a whole limit later; each is taken once
     * per sign (sent again, it was put on the bus after it: {@link #resent}). Each waits anew from now.
     */
    synchronized List<Waiting> lostBy(long lossAtMillis, long nowMillis, long afterMillis) {
        return lostBy(message -> lossAtMillis, nowMillis, afterMillis);
    }

    /** The same, with each message's last sign of loss its own (the node's, or its room group's: {@link GroupOrderers}). */
    synchronized List<Waiting> lostBy(java.util.function.ToLongFunction<Waiting> lossAtMillis, long nowMillis, long afterMillis) {
        List<Waiting> lost = new ArrayList<>();
        for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext();) {
            Waiting message = it.next();
            long lossAt = lossAtMillis.applyAsLong(message);
            if (lossAt > 0 && message.lastSentAtMillis() <= lossAt && nowMillis - message.lastSentAtMillis() >= afterMillis) {
                lost.add(message);
                it.remove();
            }
        }
        lost.forEach(message -> waiting.put(message.id(), new Waiting(message.id(), message.envelope(), nowMillis, message.lastSentAtMillis())));
        return lost;
    }

    /**
     * Of these overdue messages, the ones that may be lost and go again: last put on the bus before the last sign of loss
     * ({@code lossAtMillis}) — each sign sends a message at most once more — or at least {@code unexplainedAfterMillis}
     * ago. The others are only late.
     */
    static List<Waiting> mayBeLost(List<Waiting> overdue, long lossAtMillis, long nowMillis, long unexplainedAfterMillis) {
        return overdue.stream().filter(message -> message.lastSentAtMillis() <= lossAtMillis
                || nowMillis - message.lastSentAtMillis() >= unexplainedAfterMillis).toList();
    }

    /** It was put on the bus again now (if it still waits): the next sign of loss, or the next long wait, counts from here. */
    synchronized void resent(String id, long nowMillis) {
        waiting.computeIfPresent(id, (key, message) -> new Waiting(id, message.envelope(), message.sentAtMillis(), nowMillis));
    }

    /** How many were given up since the last call (at capacity). */
    synchronized long takeGivenUp() {
        long count = givenUp;
        givenUp = 0;
        return count;
    }

    synchronized int size() {
        return waiting.size();
    }
}
