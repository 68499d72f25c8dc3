package dev.switchboard.verbs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps a connection's replies in the order of its calls when some answer later (actions): a reply
 * waits behind the places reserved for earlier calls, and each filled place lets out what is ready.
 * A close asked for meanwhile waits in line too, so that the replies of earlier calls still go out
 * before it ({@link #runBehindWaiting}).
 */
public final class ReplyOrder {

    /**
     * Reserved places, oldest first; a place holds its reply (or a close) once filled. Guarded by itself. Made small
     * (it grows when it must): most connections never reserve a place, and the default holds 17 for each of them.
     */
    private final ArrayDeque<Object[]> line = new ArrayDeque<>(1);
    private final Consumer<String> release;
    private final Runnable released;
    private final int maxWaiting;
    private final long maxChars;
    private final Runnable overflow;
    /** Characters of the replies waiting in line. Guarded by {@link #line}. */
    private long chars;

    /**
     * @param release takes a reply that may leave now, called holding this line's lock: it must not block
     * @param released runs after replies were let out, outside the lock (start writing them)
     */
    public ReplyOrder(Consumer<String> release, Runnable released) {
        this(release, released, Integer.MAX_VALUE, Long.MAX_VALUE, () -> { });
    }

    /**
     * A line bounded like the connection's queue: past {@code maxWaiting} replies waiting behind a call that
     * is still running, or once the replies waiting hold more than {@code maxChars} characters before the
     * next one (so one large reply still waits), {@code overflow} runs (the connection is evicted as a
     * reader that does not keep up) and the reply is dropped.
     */
    public ReplyOrder(Consumer<String> release, Runnable released, int maxWaiting, long maxChars, Runnable overflow) {
        this.release = release;
        this.released = released;
        this.maxWaiting = maxWaiting;
        this.maxChars = maxChars;
        this.overflow = overflow;
    }

    /** Queues a reply behind the places still waiting; false when none waits and it may go at once. */
    public boolean queueBehindWaiting(String reply) {
        boolean over;
        synchronized (line) {
            if (line.isEmpty()) {
                return false;
            }
            over = line.size() > maxWaiting || chars > maxChars;
            if (!over) {
                line.addLast(new Object[] {reply});
                chars += reply.length();
            }
        }
        if (over) {
            overflow.run();
        }
        return true;
    }

    /**
     * Runs the action once the places waiting now are let out (a close after the replies of earlier calls);
     * false when none waits, and the caller runs it at once.
     */
    public boolean runBehindWaiting(Runnable action) {
        synchronized (line) {
            if (line.isEmpty()) {
                return false;
            }
            line.addLast(new Object[] {action});
            return true;
        }
    }

    /** Reserves the place of a reply that comes later. */
    public Caller.ReplySlot reserve() {
        Object[] place = new Object[1];
        synchronized (line) {
            line.addLast(place);
        }
        return reply -> {
            List<Runnable> actions = new ArrayList<>(0);
            synchronized (line) {
                place[0] = reply;
                chars += reply.length();
                while (!line.isEmpty() && line.peekFirst()[0] != null) {
                    Object next = line.pollFirst()[0];
                    if (next instanceof Runnable action) {
                        actions.add(action); // a close: whatever waits behind it never leaves
                        break;
                    }
                    chars -= ((String) next).length();
                    release.accept((String) next);
                }
            }
            actions.forEach(Runnable::run);
            released.run();
        };
    }
}
