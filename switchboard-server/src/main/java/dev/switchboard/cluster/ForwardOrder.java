package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Keeps this node's deliveries in the order the sequencers passed their forwards on when some were lost on the way here.
 * Each node's sequencer consumer numbers its forwards, one count for the node's life ({@link JmsClusterBus#sequence});
 * a number that skips means the ones between did not come — a primary broker that died holding them for this node's
 * subscription, a send that failed — and they may still come: late through the broker, or sent again by their
 * forwarder's node, which this node asks ({@code FORWARDS_WANTED}). Until then every forward that comes after the skip,
 * of any forwarder, waits here in the order it came; one that fills a gap takes its place among them, before the first
 * of its forwarder with a higher number, which is where every node that had it delivered it; when no gap is left, the
 * waiting ones go on in their order. Without this a missed say reached this node's members after later ones: the
 * forwarder's node sent it again to this node only, or its publisher sent a copy that a sequencer ordered again after
 * them, while the other nodes' members had it in its place.
 *
 * <p>Waiting is bounded: a gap open for {@code holdMillis} (the node timeout), a forwarder whose node is lost (no copy
 * will come from it), or more than {@code maxWaiting} forwards or {@code maxWaitingChars} characters waiting gives the
 * gaps up; the waiting forwards go on in their order, and one that comes after its gap was given up is delivered as it
 * comes, late (the skip was reported as a gap of this node's when it was seen, so a recovery across it says
 * {@code false}). A skip wider than {@code maxGap} — more than a forwarder's node keeps to send again — waits only for
 * the last {@code maxGap} numbers. A forward sent again never starts a forwarder's count nor opens a gap. Forwards that
 * come in order wait for nothing. The topic receiver's thread only.
 *
 * @param <M> the message (a JMS message; anything in tests)
 */
final class ForwardOrder<M> {

    private record Waiting<M>(String forwarder, long number, M message, int chars) {
    }

    /** The numbers of a forwarder that did not come, and when the oldest of its open gaps opened. */
    private record Gap(NavigableSet<Long> numbers, long openedAt) {
    }

    private final long holdMillis;
    private final int maxGap;
    private final int maxWaiting;
    private final long maxWaitingChars;
    private final ToIntFunction<M> size;
    /** The next number expected of each forwarder. */
    private final Map<String, Long> next = new HashMap<>();
    /** The open gaps, by forwarder. */
    private final Map<String, Gap> missing = new HashMap<>();
    private final LinkedList<Waiting<M>> waiting = new LinkedList<>();
    private long waitingChars;

    ForwardOrder(long holdMillis, int maxGap, int maxWaiting, long maxWaitingChars, ToIntFunction<M> size) {
        this.holdMillis = holdMillis;
        this.maxGap = maxGap;
        this.maxWaiting = maxWaiting;
        this.maxWaitingChars = maxWaitingChars;
        this.size = size;
    }

    /**
     * A forward came ({@code again}: sent again to this node, which had asked): {@code deliver} gets what may be
     * delivered now, in order — it, or what it freed — or nothing.
     */
    void offer(String forwarder, long number, boolean again, M message, long now, Consumer<M> deliver) {
        Long expected = next.get(forwarder);
        Gap gap = missing.get(forwarder);
        if (gap != null && gap.numbers().remove(number)) { // it fills a gap: its place is before its forwarder's later ones
            if (gap.numbers().isEmpty()) {
                missing.remove(forwarder);
            }
            insert(new Waiting<>(forwarder, number, message, size.applyAsInt(message)));
            if (missing.isEmpty()) {
                release(deliver);
            }
            return;
        }
        if (!again) {
            if (expected == null || number == expected) { // the first of a forwarder seen here starts its count
                next.put(forwarder, number + 1);
            } else if (number > expected) {
                NavigableSet<Long> opened = missing.computeIfAbsent(forwarder, f -> new Gap(new TreeSet<>(), now)).numbers();
                for (long lost = Math.max(expected, number - maxGap); lost < number; lost++) {
                    opened.add(lost);
                }
                next.put(forwarder, number + 1);
            }
            // else a copy of one delivered already (the bus drops it by its id), or one whose gap was given up: late
        }
        if (missing.isEmpty()) {
            deliver.accept(message);
            return;
        }
        Waiting<M> entry = new Waiting<>(forwarder, number, message, size.applyAsInt(message));
        waiting.addLast(entry);
        waitingChars += entry.chars();
        if (waiting.size() > maxWaiting || waitingChars > maxWaitingChars) {
            giveUp(deliver);
        }
    }

    /** A filler goes before the first waiting forward of its forwarder with a higher number (the one that opened its gap). */
    private void insert(Waiting<M> filler) {
        ListIterator<Waiting<M>> at = waiting.listIterator();
        while (at.hasNext()) {
            Waiting<M> queued = at.next();
            if (queued.forwarder().equals(filler.forwarder()) && queued.number() > filler.number()) {
                at.previous();
                break;
            }
        }
        at.add(filler);
        waitingChars += filler.chars();
    }

    /** Gives the gaps up once the oldest still open has been open for {@code holdMillis}; between messages. */
    void due(long now, Consumer<M> deliver) {
        for (Gap gap : missing.values()) {
            if (now - gap.openedAt() >= holdMillis) {
                giveUp(deliver);
                return;
            }
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
        missing.forEach((forwarder, gap) -> gaps.add(forwarder + " " + gap.numbers().first() + "-" + gap.numbers().last()));
        return gaps;
    }

    private void giveUp(Consumer<M> deliver) {
        missing.clear();
        release(deliver);
    }

    private void release(Consumer<M> deliver) {
        while (!waiting.isEmpty()) {
            deliver.accept(waiting.pollFirst().message());
        }
        waitingChars = 0;
    }
}
