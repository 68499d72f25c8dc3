package dev.switchboard.rooms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotency keys of the direct frames (a client's keyed {@code tell}) that reached this node lately, with the
 * message id each carried: a frame whose key is here is a repeat, dropped. Every node sees every direct frame, so
 * every node keeps the same keys. A key sent from this node is kept from the moment it is sent ({@link #claim}), so a
 * repeat that comes before the frame is back from the broker is answered with the original too and sends nothing.
 * Bounded in time ({@code switchboard.history.tellKeySeconds}) and in number (the oldest go first); one short lock, no
 * I/O under it.
 */
final class SentKeys {

    /**
     * The message a key first sent, and when it reached this node or was sent from it (epoch milliseconds); {@code
     * arrived} once the frame came back through the bus (before, it is this node's claim).
     */
    record Sent(String messageId, long at, boolean arrived) {
    }

    private final long keepMillis;
    private final int max;
    /** Oldest first. Guarded by itself. */
    private final LinkedHashMap<String, Sent> keys = new LinkedHashMap<>();

    SentKeys(long keepMillis, int max) {
        this.keepMillis = keepMillis;
        this.max = max;
    }

    /** The first frame sent with this key, if it is still remembered. */
    Sent original(String key, long now) {
        synchronized (keys) {
            Sent sent = keys.get(key);
            return sent == null || now - sent.at() > keepMillis ? null : sent;
        }
    }

    /**
     * Takes the key for a frame this node is about to send: null when it was free, else what it holds (a repeat: send
     * nothing, answer with that). Give it back with {@link #release} if the send fails.
     */
    Sent claim(String key, String messageId, long now) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && now - known.at() <= keepMillis) {
                return known;
            }
            put(key, new Sent(messageId, now, false));
            return null;
        }
    }

    /** Gives back a claim whose frame could not be sent, so that the client's retry is not taken for a repeat. */
    void release(String key, String messageId) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && !known.arrived() && known.messageId().equals(messageId)) {
                keys.remove(key);
            }
        }
    }

    /**
     * Notes a frame with this key that came through the bus; false when one with the key came before it (a repeat).
     * The first to come is delivered on every node alike: a claim of this node's that another node's repeat overtook
     * on the bus gives way to it, and this node's own frame is then the repeat.
     */
    boolean arrived(String key, String messageId, long now) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && known.arrived() && now - known.at() <= keepMillis) {
                return false;
            }
            put(key, new Sent(messageId, known != null && !known.arrived() ? known.at() : now, true));
            return true;
        }
    }

    private void put(String key, Sent sent) {
        keys.remove(key); // an expired one comes back at the end, in order
        keys.put(key, sent);
        if (keys.size() > max) {
            Iterator<String> oldest = keys.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets the keys older than the time they are kept. */
    void expire(long now) {
        synchronized (keys) {
            for (Iterator<Map.Entry<String, Sent>> it = keys.entrySet().iterator(); it.hasNext(); ) {
                if (now - it.next().getValue().at() <= keepMillis) {
                    break;
                }
                it.remove();
            }
        }
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }
}
