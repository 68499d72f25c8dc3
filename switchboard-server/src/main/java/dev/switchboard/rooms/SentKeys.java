package dev.switchboard.rooms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotency keys of the direct frames (a client's keyed {@code tell}) that reached this node lately, with the
 * message id each carried: a frame whose key is here is a repeat, dropped. Every node sees every direct frame, so
 * every node keeps the same keys. A key sent from this node is kept from the moment it is sent ({@link #claim}), so a
 * repeat that comes before the frame is back from the broker is answered with the original too and sends nothing —
 * once the broker took the frame ({@link #sent}); while the send is still under way the repeat is told to try again,
 * since the send may yet fail and give the key back ({@link #release}). Bounded in time
 * ({@code switchboard.history.tellKeySeconds}) and in number (the oldest go first); one short lock, no I/O under it.
 */
final class SentKeys {

    /** Where a key's frame is: being sent from this node, taken by the broker, or come back through the bus. */
    enum State {
        SENDING, SENT, ARRIVED
    }

    /** The message a key first sent, and when it came through the bus or was sent from this node (epoch milliseconds). */
    record Sent(String messageId, long at, State state) {

        /** Whether a repeat may be answered with this message: its send did not fail, and will not. */
        boolean taken() {
            return state != State.SENDING;
        }
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
            put(key, new Sent(messageId, now, State.SENDING));
            return null;
        }
    }

    /** The broker took the claimed frame: a repeat is answered with it from now on. */
    void sent(String key, String messageId) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && known.state() == State.SENDING && known.messageId().equals(messageId)) {
                keys.put(key, new Sent(messageId, known.at(), State.SENT)); // in its place: put keeps a key's order
            }
        }
    }

    /** Gives back a claim whose frame could not be sent, so that the client's retry is not taken for a repeat. */
    void release(String key, String messageId) {
        synchronized (keys) {
            Sent known = keys.get(key);
            if (known != null && known.state() == State.SENDING && known.messageId().equals(messageId)) {
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
            if (known != null && known.state() == State.ARRIVED && now - known.at() <= keepMillis) {
                return false;
            }
            put(key, new Sent(messageId, now, State.ARRIVED)); // dated as on every other node, and last in order
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
