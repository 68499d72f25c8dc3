package dev.switchboard.cluster;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which envelopes this node has delivered, to drop the copies a re-send makes: per publishing node, by
 * the sequence number in the envelope id ({@code <node>-<sequence in base 36>}, {@link NodeIdentity}).
 * Each publisher gets a window of the last {@value #WINDOW} numbers it used — a bit each, 8 KiB — so a
 * copy is recognised as long as fewer than that many newer envelopes of the same publisher went by, not
 * as long as fewer than some number of anybody's envelopes did (a busy cluster's other traffic does not
 * push a room message out; room messages have a sequence of their own). An envelope older than its
 * publisher's window cannot be told apart from a copy of one delivered long ago: it is delivered once
 * (a list of the last such ids drops its own copies) and the answer says so ({@link Verdict#STRAGGLER}),
 * so that the node can report a possible gap. Used by one thread (the topic's receiver).
 */
final class SeenMessages {

    /** How many sequence numbers of one publisher are remembered. */
    static final int WINDOW = 1 << 16;
    /** Publishers remembered; a node id is drawn per deployment, so old ones are forgotten first. */
    static final int PUBLISHERS = 1024;

    enum Verdict {
        /** First time here: deliver it. */
        NEW,
        /** A copy of one delivered already: drop it. */
        SEEN,
        /** Older than its publisher's window, first time among those: delivered, but it may be a copy. */
        STRAGGLER
    }

    private static final class Window {
        long highest = -1;
        final BitSet bits = new BitSet(WINDOW);

        Verdict see(long sequence) {
            if (sequence > highest) {
                long from = Math.max(highest + 1, sequence - WINDOW + 1);
                for (long s = from; s < sequence; s++) {
                    bits.clear(slot(s));
                }
                bits.set(slot(sequence));
                highest = sequence;
                return Verdict.NEW;
            }
            if (sequence <= highest - WINDOW) {
                return null; // outside the window: the caller decides
            }
            int slot = slot(sequence);
            if (bits.get(slot)) {
                return Verdict.SEEN;
            }
            bits.set(slot);
            return Verdict.NEW;
        }

        private static int slot(long sequence) {
            return (int) Math.floorMod(sequence, (long) WINDOW);
        }
    }

    private final Map<String, Window> publishers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > PUBLISHERS;
        }
    };
    /** Ids of another shape (not made by {@link NodeIdentity}) and stragglers: the last ones, by id. */
    private final Map<String, Boolean> others = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > WINDOW;
        }
    };

    Verdict see(String id) {
        int dash = id.lastIndexOf('-');
        long sequence = -1;
        if (dash > 0 && dash < id.length() - 1) {
            try {
                sequence = Long.parseLong(id.substring(dash + 1), 36);
            } catch (NumberFormatException e) {
                sequence = -1;
            }
        }
        if (sequence < 0) {
            return others.put(id, Boolean.TRUE) == null ? Verdict.NEW : Verdict.SEEN;
        }
        Verdict verdict = publishers.computeIfAbsent(id.substring(0, dash), publisher -> new Window()).see(sequence);
        if (verdict != null) {
            return verdict;
        }
        return others.put(id, Boolean.TRUE) == null ? Verdict.STRAGGLER : Verdict.SEEN;
    }
}
