package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent messages of one room on this node, in the room's order, each as the frame its members got
 * (with its {@link Position}). Bounded by count and age; the node's {@link Histories} bounds them all
 * together. Guarded by its own monitor, which is also the lock that puts the room's messages in order
 * on this node (see {@link RoomRegistry}).
 */
final class History {

    /**
     * One message: its position, the frame as sent, when it came (for the age bound), whether its offset
     * skipped some of its epoch — messages this node never got (its link broke a moment), so a recovery
     * across it cannot say "no gap" — and, for a message published with one, its publisher's idempotency key
     * and its id (a second message with the same key is the same message: see {@link #original}) and when its
     * publisher sent it ({@code sentAt} of its data; 0 when unknown), for the answer to a repeat.
     */
    record Entry(Position position, String frame, long at, boolean afterHole, String key, String messageId, long sentAt) {
        Entry(Position position, String frame, long at) {
            this(position, frame, at, false, null, null, 0);
        }

        Entry(Position position, String frame, long at, String key, String messageId) {
            this(position, frame, at, false, key, messageId, 0);
        }

        /** A message published with an idempotency key. */
        static Entry keyed(Position position, String frame, long at, String key, String messageId, long sentAt) {
            return new Entry(position, frame, at, false, key, messageId, sentAt);
        }

        Entry skippedBefore() {
            return new Entry(position, frame, at, true, key, messageId, sentAt);
        }

        /** What a repeat of its key needs of it, without its frame: kept by a history that inherits the key. */
        Entry withoutFrame() {
            return new Entry(position, "", at, afterHole, key, messageId, sentAt);
        }
    }

    /** What a recovery found: the frames to replay, or why there are none. */
    record Recovery(boolean recovered, String reason, List<String> frames) {
        static Recovery refused(String reason) {
            return new Recovery(false, reason, List.of());
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** The entries that came with a key, by key: as long as the history keeps a message, its key is known. */
    private final Map<String, Entry> byKey = new HashMap<>();
    /**
     * The keyed entries of the history this one replaced when its node may have missed messages ({@link Histories#forgetAll}),
     * oldest first: their positions can no longer be replayed, but their keys still say what was delivered here. They
     * make way for this history's own messages (at most {@code maxCount} in all) and expire with the age bound, or after
     * {@link #INHERITED_MILLIS} when that is longer or there is none.
     */
    private final ArrayDeque<Entry> inherited = new ArrayDeque<>();
    private final Map<String, Entry> inheritedByKey = new HashMap<>();
    /** How long inherited keys last at most (the clients re-send within their call deadline, 30 s by default). */
    static final long INHERITED_MILLIS = 10 * 60_000;
    private final int maxCount;
    private final long maxAgeMillis;
    private final String localEpoch;
    private long nextLocalOffset = 1;
    private boolean retired;
    private long chars;
    /** The last message dropped (or never kept, with a bound of 0); {@code null} while it holds all. */
    private Position lastEvicted;
    /** The highest offset this node has seen in each epoch, kept or not: a position beyond it is unseen here. */
    private final Map<String, Long> highest = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_EPOCHS;
        }
    };
    /** How many epochs {@link #highest} remembers; a room's epoch changes only when its sequencer moves. */
    static final int MAX_EPOCHS = 16;

    /**
     * @param maxAgeMillis 0 for no age bound
     * @param localEpoch the epoch of the positions this node gives when it runs alone: its own per history,
     *        so that a history made again for the same room never repeats a position
     */
    History(int maxCount, long maxAgeMillis, String localEpoch) {
        this.maxCount = maxCount;
        this.maxAgeMillis = maxAgeMillis;
        this.localEpoch = localEpoch;
    }

    /** The next position of this node's own epoch (when it runs alone). Call holding this monitor. */
    Position nextLocalPosition() {
        return new Position(localEpoch, nextLocalOffset++);
    }

    /** Whether it was dropped from its node's histories (empty, its room unused): use a new one. */
    boolean retired() {
        return retired;
    }

    void retire() {
        retired = true;
    }

    /** Adds a message; returns the characters it now holds more (negative when it evicted more). */
    long add(Entry given) {
        Long previous = highest.get(given.position().epoch());
        Entry entry = previous != null && given.position().offset() > previous + 1 ? given.skippedBefore() : given;
        highest.merge(entry.position().epoch(), entry.position().offset(), Math::max);
        long before = chars;
        if (maxCount > 0) {
            entries.addLast(entry);
            chars += entry.frame().length();
            if (entry.key() != null) {
                byKey.put(entry.key(), entry);
            }
        } else {
            lastEvicted = entry.position();
        }
        while (entries.size() > maxCount) {
            evictOldest();
        }
        while (!inherited.isEmpty() && entries.size() + inherited.size() > maxCount) {
            dropInherited();
        }
        expire(entry.at());
        return chars - before;
    }

    /** Drops the oldest message (the node's total bound); returns the characters freed, 0 when empty. */
    long evictOldest() {
        Entry oldest = entries.pollFirst();
        if (oldest == null) {
            return 0;
        }
        lastEvicted = oldest.position();
        chars -= oldest.frame().length();
        if (oldest.key() != null) {
            byKey.remove(oldest.key(), oldest);
        }
        return oldest.frame().length();
    }

    /** Drops what is older than the age bound. */
    long expire(long now) {
        long inheritedFor = maxAgeMillis > 0 ? Math.min(maxAgeMillis, INHERITED_MILLIS) : INHERITED_MILLIS;
        while (!inherited.isEmpty() && now - inherited.peekFirst().at() > inheritedFor) {
            dropInherited();
        }
        long freed = 0;
        while (maxAgeMillis > 0 && !entries.isEmpty() && now - entries.peekFirst().at() > maxAgeMillis) {
            freed += evictOldest();
        }
        return freed;
    }

    /**
     * A position the sequencer gave to a message this history does not keep (a repeat of a key, dropped): seen, so
     * that the next offset of its epoch is no skip — nothing was missed.
     */
    void passed(Position position) {
        highest.merge(position.epoch(), position.offset(), Math::max);
    }

    /** The message this history keeps that came with this idempotency key, or {@code null}. */
    Entry original(String key) {
        Entry entry = byKey.get(key);
        return entry != null ? entry : inheritedByKey.get(key);
    }

    /** Whether it still knows keys of the history it replaced: it must not be swept as empty before they expire. */
    boolean holdsInheritedKeys() {
        return !inherited.isEmpty();
    }

    /** The entries that came with a key, oldest first: what a history that replaces this one inherits. */
    List<Entry> keyed() {
        List<Entry> keyed = new ArrayList<>(inherited);
        for (Entry entry : entries) {
            if (entry.key() != null) {
                keyed.add(entry);
            }
        }
        return keyed;
    }

    /** Knows the keys of these entries (of the history it replaces), within its bound; call before it has messages. */
    void inherit(List<Entry> keyed) {
        for (Entry entry : keyed.subList(Math.max(0, keyed.size() - maxCount), keyed.size())) {
            Entry slim = entry.withoutFrame(); // outside the node's bound of characters: keep no frame
            inherited.addLast(slim);
            inheritedByKey.put(slim.key(), slim);
        }
    }

    private void dropInherited() {
        Entry oldest = inherited.pollFirst();
        inheritedByKey.remove(oldest.key(), oldest);
    }

    Position last() {
        Entry last = entries.peekLast();
        return last == null ? null : last.position();
    }

    /** Whether it ever dropped a message, so that it no longer holds all since it began. */
    boolean evictedAny() {
        return lastEvicted != null;
    }

    /**
     * The messages after {@code since}, in order; or why they cannot be had.
     *
     * @param predecessor the last position of this room before this node restarted, or {@code null}: pass
     *        it only where nobody else can have taken the room's messages meanwhile (a node on its own bus)
     */
    Recovery after(Position since, Position predecessor) {
        return after(since, predecessor, null, false);
    }

    /**
     * {@link #after(Position, Position)} for a member that re-joins: it has had every message since it joined
     * live, so only those up to {@code lastBeforeJoin} — the last message before its join, {@code null} when there
     * was none here — are replayed.
     */
    Recovery afterUpTo(Position since, Position predecessor, Position lastBeforeJoin) {
        return after(since, predecessor, lastBeforeJoin, true);
    }

    private Recovery after(Position since, Position predecessor, Position until, boolean bounded) {
        Recovery recovery = unbounded(since, predecessor);
        if (!bounded || recovery.frames().isEmpty()) {
            return recovery;
        }
        // the replay ends with this history's newest entries (after any that came out of their order and go first): keep
        // it up to the last one before the join
        String last = null;
        for (Entry entry : entries) {
            if (entry.position().equals(until)) {
                last = entry.frame();
            }
        }
        int end = last == null ? -1 : recovery.frames().lastIndexOf(last);
        return new Recovery(recovery.recovered(), recovery.reason(), List.copyOf(recovery.frames().subList(0, end + 1)));
    }

    private Recovery unbounded(Position since, Position predecessor) {
        Long seen = highest.get(since.epoch());
        if (seen != null && since.offset() > seen) {
            // a client that failed over to a node that lags, or a made-up position: never count unseen offsets as seen
            return Recovery.refused("the position is ahead of this node: it has not seen that message yet");
        }
        int index = 0;
        int lastAtOrBefore = -1;
        int exact = -1;
        boolean epochSeen = false;
        for (Entry entry : entries) {
            Position position = entry.position();
            if (position.epoch().equals(since.epoch())) {
                epochSeen = true;
                if (position.offset() <= since.offset()) {
                    lastAtOrBefore = index;
                }
                if (position.offset() == since.offset()) {
                    exact = index;
                }
            }
            index++;
        }
        // an entry of the epoch with an earlier offset after the position's own: one that came here late (lost on its way,
        // sent again), which a client that was here had not had — and one that was elsewhere had
        boolean late = exact >= 0 && lastAtOrBefore > exact;
        if (exact >= 0) {
            lastAtOrBefore = exact; // the client's place in this history's order
        }
        if (lastAtOrBefore >= 0) {
            List<String> frames = framesFrom(lastAtOrBefore + 1);
            List<String> overtaken = overtaken(since, lastAtOrBefore);
            if (!overtaken.isEmpty() || late) {
                overtaken.addAll(frames);
                return new Recovery(false, "this node heard some of the room's messages out of their order (one lost on its"
                        + " way came again later): the messages it has after the position are replayed", overtaken);
            }
            if (holeFrom(lastAtOrBefore + 1)) {
                return new Recovery(false, "this node missed some of the room's messages after the position (its positions"
                        + " skip): the messages it has are replayed", frames);
            }
            return new Recovery(true, null, frames);
        }
        if (since.equals(lastEvicted)) {
            // dropped just now: everything after it is still here
            return new Recovery(true, null, framesFrom(0));
        }
        if (epochSeen) {
            return Recovery.refused("the position is older than the room's history");
        }
        if (since.equals(predecessor) && lastEvicted == null) {
            // the node restarted after the client's last message, and has kept everything since
            return new Recovery(true, null, framesFrom(0));
        }
        if (lastEvicted != null && seen != null) {
            return Recovery.refused("the position is older than the room's history");
        }
        // The epoch was never seen here: the position comes from before this history began (a restart, a
        // sequencer that moved). Every message held here came after it, so each is new to the client; but
        // nothing proves that none came in between: what is here is replayed, and the answer says so.
        return new Recovery(false, "the room's history began anew here (epoch changed): the messages this node has are"
                + " replayed, earlier ones may be missing", framesFrom(0));
    }

    /** The last {@code limit} frames, oldest first. */
    List<String> recent(int limit) {
        List<String> frames = new ArrayList<>(Math.min(limit, entries.size()));
        Iterator<Entry> newest = entries.descendingIterator();
        while (newest.hasNext() && frames.size() < limit) {
            frames.add(0, newest.next().frame());
        }
        return frames;
    }

    int size() {
        return entries.size();
    }

    /** The characters it holds. */
    long chars() {
        return chars;
    }

    /**
     * The frames of {@code since}'s epoch with a later offset that this history holds at or before {@code end}: none
     * where its messages came in their order. One that was lost on its way to this node and came again later (a forward
     * sent again after a broker's switch) sits after messages that follow it, so the last entry at or before the
     * position in this history's order can have later ones of the epoch before it.
     */
    private List<String> overtaken(Position since, int end) {
        List<String> frames = new ArrayList<>(0);
        int index = 0;
        for (Entry entry : entries) {
            if (index++ > end) {
                break;
            }
            Position position = entry.position();
            if (position.offset() > since.offset() && position.epoch().equals(since.epoch())) {
                frames.add(entry.frame());
            }
        }
        return frames;
    }

    private boolean holeFrom(int start) {
        int index = 0;
        for (Entry entry : entries) {
            if (index++ >= start && entry.afterHole()) {
                return true;
            }
        }
        return false;
    }

    private List<String> framesFrom(int start) {
        List<String> frames = new ArrayList<>(Math.max(0, entries.size() - start));
        int index = 0;
        for (Entry entry : entries) {
            if (index++ >= start) {
                frames.add(entry.frame());
            }
        }
        return frames;
    }
}
