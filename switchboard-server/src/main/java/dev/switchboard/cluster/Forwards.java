package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which sequencer forwards the topic brought this node, per forwarder, to find one the broker lost without any send
 * seeing it: a primary broker that died while it held forwards for this node's subscription (its backup has no copy
 * of a subscription that is not durable), or a node that died with forwards on the way. Each node's sequencer consumer
 * numbers what it passes on to the topic, one count for the node's life across the JMS contexts it renews
 * ({@link JmsClusterBus#sequence}), and each heartbeat says how far its node's forwarder had got.
 *
 * <ul>
 *   <li>A forward whose number skips: the ones in between were lost on the way to this node.
 *   <li>A heartbeat's number that this node has not reached {@code graceMillis} later (and it was not behind on the
 *       topic meanwhile, which the caller judges): the last forwards before a quiet spell were lost, which no later
 *       forward will show. The grace covers a heartbeat that overtook the forwards before it: it goes through another
 *       connection.
 * </ul>
 *
 * <p>The first number seen of a forwarder is where this node starts counting it: what it forwarded before is none of
 * this node's business (it came before this node's subscription, or the room offsets show it). The topic receiver's
 * thread only.
 */
final class Forwards {

    /** A forwarder not heard of for this long is forgotten: its node stopped. */
    static final long FORGET_AFTER_MILLIS = 600_000;

    private static final class Track {
        long highest;
        /** The number a heartbeat said this node should reach, and when; 0: nothing claimed beyond what came. */
        long claimed;
        long claimedAt;
        long heardAt;

        Track(long highest, long now) {
            this.highest = highest;
            this.heardAt = now;
        }
    }

    private final long graceMillis;
    private final Map<String, Track> tracks = new HashMap<>();

    Forwards(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** Forwards of one forwarder, numbered {@code from} to {@code to}, that did not come. */
    record Missed(String forwarder, long from, long to) {
    }

    /** A forward came; the ones its number skips (lost on the way here), or {@code null}. */
    Missed forwarded(String forwarder, long number, long now) {
        Track track = tracks.get(forwarder);
        if (track == null) {
            tracks.put(forwarder, new Track(number, now));
            return null;
        }
        track.heardAt = now;
        Missed missed = number > track.highest + 1 ? new Missed(forwarder, track.highest + 1, number - 1) : null;
        if (number > track.highest) {
            track.highest = number;
        }
        if (track.claimed != 0 && track.highest >= track.claimed) {
            track.claimed = 0;
        }
        return missed;
    }

    /** A heartbeat says its node's forwarder had sent up to {@code number}: this node should have that soon. */
    void claimed(String forwarder, long number, long now) {
        Track track = tracks.get(forwarder);
        if (track == null) {
            tracks.put(forwarder, new Track(number, now));
            return;
        }
        track.heardAt = now;
        if (number > track.highest && track.claimed == 0) { // an older claim stands: it falls due first
            track.claimed = number;
            track.claimedAt = now;
        }
    }

    /**
     * The forwarders whose claimed number did not come within the grace — forwards lost with nothing after them to show
     * it; each said once (its count starts again from the claim). Forgets forwarders long silent.
     */
    List<Missed> unmet(long now) {
        List<Missed> unmet = new ArrayList<>();
        for (Iterator<Map.Entry<String, Track>> it = tracks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Track> entry = it.next();
            Track track = entry.getValue();
            if (track.claimed != 0 && now - track.claimedAt >= graceMillis) {
                unmet.add(new Missed(entry.getKey(), track.highest + 1, track.claimed));
                track.highest = track.claimed;
                track.claimed = 0;
            }
            if (track.claimed == 0 && now - track.heardAt > FORGET_AFTER_MILLIS) {
                it.remove();
            }
        }
        return unmet;
    }

    /** Whether a heartbeat's claim of this forwarder waits to be met (for tests). */
    boolean waiting(String forwarder) {
        Track track = tracks.get(forwarder);
        return track != null && track.claimed != 0;
    }
}
