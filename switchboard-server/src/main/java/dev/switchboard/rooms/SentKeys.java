package dev.switchboard.rooms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotency keys of the direct frames (a client's keyed {@code tell}) that reached this node lately, with the
 * message id each carried: a frame whose key is here is a repeat, dropped. Every node sees every direct frame, so
 * every node keeps the same keys. Bounded in time ({@code switchboard.history.tellKeySeconds}) and in number (the
 * oldest go first); one short lock, no I/O under it.
 */
final class SentKeys {

    /** The message a key first sent, and when it reached this node (epoch milliseconds). */
    record Sent(String messageId, long at) {
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

    /** Remembers a key's first frame; false when the key is known already (a repeat). */
    boolean remember(String key, String messageId, long now) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && now - known.at() <= keepMillis) {
                return false;
            }
            keys.remove(key); // an expired one comes back at the end, in order
            keys.put(key, new Sent(messageId, now));
            if (keys.size() > max) {
                Iterator<String> oldest = keys.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
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
