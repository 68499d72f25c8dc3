package dev.switchboard.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps this node's deliveries in the order the sequencers passed their forwards on when some were lost on the way here.
 * Each node's sequencer consumer numbers its forwards, one count for the node's life ({@link JmsClusterBus#sequence});
 * a number that skips means the ones between did not come — a primary broker that died holding them for this node's
 * subscription, a send that failed — and they may still come: late through the broker, or sent again by their
 * forwarder's node, which this node asks (`FORWARDS_WANTED`). Until then every forward that comes after the skip, of
 * any forwarder, waits here in the order it came; one that fills the gap is delivered at once, before them, which is
 * where every node that had it delivered it; when no gap is left, the waiting ones go on in their order. Without this a
 * missed say reached this node's members after later ones: the forwarder's node sent it again to this node only, or its
 * publisher sent a copy that a sequencer ordered again after them, while the other nodes' members had it in its place.
 *
 * <p>Waiting is bounded: a gap open for {@code holdMillis} (the node timeout), a forwarder whose node is lost (no copy
 * will come from it), or more than {@code maxWaiting} forwards waiting, gives the gaps up; the waiting forwards go on in
 * their order, and one that comes after its gap was given up is delivered as it comes, late (the skip was reported as a
 * gap of this node's when it was seen, so a recovery across it says {@code false}). Forwards that come in order wait for
 * nothing. The topic receiver's thread only.
 *
 * @param <M> the message (a JMS message; anything in tests)
 */
final class ForwardOrder<M> {

    private final long holdMillis;
    private final int maxWaiting;
    /** The next number expected of each forwarder. */
    private final Map<String, Long> next = new HashMap<>();
    /** The numbers that did not come, by forwarder. */
    private final Map<String, NavigableSet<Long>> missing = new HashMap<>();
    private final ArrayDeque<M> waiting = new ArrayDeque<>();
    /** When the oldest open gap opened; 0 when none is open. */
    private long openSince;

    ForwardOrder(long holdMillis, int maxWaiting) {
        this.holdMillis = holdMillis;
        this.maxWaiting = maxWaiting;
    }

    /** A forward came: {@code deliver} gets what may be delivered now, in order — it, and what it freed — or nothing. */
    void offer(String forwarder, long number, M message, long now, Consumer<M> deliver) {
        Long expected = next.get(forwarder);
        if (expected == null || number == expected) { // the first of a forwarder seen here starts its count
            next.put(forwarder, number + 1);
        } else if (number > expected) {
            NavigableSet<Long> gap = missing.computeIfAbsent(forwarder, f -> new TreeSet<>());
            for (long lost = expected; lost < number; lost++) {
                gap.add(lost);
            }
            next.put(forwarder, number + 1);
            if (openSince == 0) {
                openSince = now;
            }
        } else {
            NavigableSet<Long> gap = missing.get(forwarder);
            if (gap != null && gap.remove(number)) { // it fills a gap: its place is before all that waits
                if (gap.isEmpty()) {
                    missing.remove(forwarder);
                }
                deliver.accept(message);
                if (missing.isEmpty()) {
                    release(deliver);
                }
                return;
            }
            // a copy of one delivered already (the bus drops it by its id), or one whose gap was given up: late, as it is
        }
        if (missing.isEmpty()) {
            deliver.accept(message);
            return;
        }
        waiting.addLast(message);
        if (waiting.size() > maxWaiting) {
            giveUp(deliver);
        }
    }

    /** Gives the gaps up once the oldest has been open for {@code holdMillis}; between messages. */
    void due(long now, Consumer<M> deliver) {
        if (openSince != 0 && now - openSince >= holdMillis) {
            giveUp(deliver);
        }
    }

    /** A node is lost: the forwards it missed sending here will not come from it, and its count is forgotten. */
    void lost(String nodeId, Consumer<M> deliver) {
        missing.keySet().removeIf(forwarder -> RoomSequences.nodeOf(forwarder).equals(nodeId));
        next.keySet().removeIf(forwarder -> RoomSequences.nodeOf(forwarder).equals(nodeId));
        if (missing.isEmpty()) {
            release(deliver);
        }
    }

    /** Whether forwards wait for a gap to be filled. */
    boolean holding() {
        return !missing.isEmpty();
    }

    /** How many forwards wait. */
    int waiting() {
        return waiting.size();
    }

    /** The gaps still open, as {@code forwarder from-to} (for the log). */
    List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        missing.forEach((forwarder, numbers) -> gaps.add(forwarder + " " + numbers.first() + "-" + numbers.last()));
        return gaps;
    }

    private void giveUp(Consumer<M> deliver) {
        missing.clear();
        release(deliver);
    }

    private void release(Consumer<M> deliver) {
        openSince = 0;
        while (!waiting.isEmpty()) {
            deliver.accept(waiting.pollFirst());
        }
    }
}
