package dev.switchboard.verbs;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Keeps a connection's replies in the order of its calls when some answer later (actions): a reply
 * waits behind the places reserved for earlier calls, and each filled place lets out what is ready.
 */
public final class ReplyOrder {

    /** Reserved places, oldest first; a place holds its reply once filled. Guarded by itself. */
    private final ArrayDeque<String[]> line = new ArrayDeque<>();
    private final Consumer<String> release;
    private final Runnable released;

    /**
     * @param release takes a reply that may leave now, called holding this line's lock: it must not block
     * @param released runs after replies were let out, outside the lock (start writing them)
     */
    public ReplyOrder(Consumer<String> release, Runnable released) {
        this.release = release;
        this.released = released;
    }

    /** Queues a reply behind the places still waiting; false when none waits and it may go at once. */
    public boolean queueBehindWaiting(String reply) {
        synchronized (line) {
            if (line.isEmpty()) {
                return false;
            }
            line.addLast(new String[] {reply});
            return true;
        }
    }

    /** Reserves the place of a reply that comes later. */
    public Caller.ReplySlot reserve() {
        String[] place = new String[1];
        synchronized (line) {
            line.addLast(place);
        }
        return reply -> {
            synchronized (line) {
                place[0] = reply;
                while (!line.isEmpty() && line.peekFirst()[0] != null) {
                    release.accept(line.pollFirst()[0]);
                }
            }
            released.run();
        };
    }
}
