package dev.switchboard.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's events in the order they came: each runs on the thread it came on when it may ({@code here}) and
 * nothing of the connection waits or runs elsewhere; otherwise it waits behind what came before it and runs on the
 * executor, one at a time. So a call that may block (a clustered {@code say}, a policy of the application's) leaves the
 * container's I/O thread, which serves many connections, and a call that answers at once stays on it — but never
 * overtakes one that came first. Where the container already runs every frame on a worker thread, every event runs
 * {@code here} and the lane only costs its check.
 *
 * <p>At most {@code maxWaiting} events, of at most {@code maxWaitingChars} characters of frames in all, may wait
 * ({@link #offer}); a connection that sends faster than its calls are answered is told by {@code false}, and its
 * endpoint closes it. The characters bound, roughly (what waits is the parsed call, a few times its text), what a
 * connection holds on the node while it waits: the container goes on reading from an I/O thread, and 16,384 frames
 * of 64 KiB would be a gibibyte. An event that fails on this thread fails to its caller (the container), as it would
 * without a lane; one that fails on the executor is logged, and the lane goes on.
 */
final class Lane {

    private static final Logger LOG = System.getLogger(Lane.class.getName());

    /** Events run by one turn on the executor before it lets other connections' turns go first. */
    static final int TURN = 64;

    private final Executor executor;
    private final int maxWaiting;
    private final long maxWaitingChars;
    /** Made when the first event waits: most connections of a node never have one (an idle one holds only the lane). */
    private ArrayDeque<Waiting> waiting;
    /** The characters of the frames that wait; guarded by {@code this}. */
    private long waitingChars;
    /** A turn on the executor is due or running; guarded by {@code this}. */
    private boolean busy;

    /** An event that waits, with the characters of its frame. */
    private record Waiting(Runnable event, int chars) {
    }

    Lane(Executor executor, int maxWaiting, long maxWaitingChars) {
        this.executor = executor;
        this.maxWaiting = maxWaiting;
        this.maxWaitingChars = maxWaitingChars;
    }

    /**
     * Runs the event now, on this thread, when {@code here} and nothing waits; otherwise behind what waits, on the
     * executor. False, and the event dropped, when {@code maxWaiting} wait already, or the frames that wait and this
     * one's {@code chars} would pass {@code maxWaitingChars} (one frame alone always may).
     */
    boolean offer(Runnable event, boolean here, int chars) {
        return enqueue(event, here, true, chars);
    }

    /** As {@link #offer}, but never dropped: for what must happen however many wait (the open, the close). */
    void run(Runnable event, boolean here) {
        enqueue(event, here, false, 0);
    }

    private boolean enqueue(Runnable event, boolean here, boolean bounded, int chars) {
        boolean start;
        synchronized (this) {
            if (here && !busy) {
                start = false;
            } else {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                } else if (bounded && (waiting.size() >= maxWaiting
                        || waitingChars > 0 && waitingChars + chars > maxWaitingChars)) {
                    return false;
                }
                waiting.add(new Waiting(event, chars));
                waitingChars += chars;
                if (busy) {
                    return true;
                }
                busy = true;
                start = true;
            }
        }
        if (start) {
            schedule();
        } else {
            event.run(); // on the container's thread, as without a lane: a failure goes to the container
        }
        return true;
    }

    /** Whether events wait or run on the executor. */
    synchronized boolean busy() {
        return busy;
    }

    private void schedule() {
        try {
            executor.execute(this::turn);
        } catch (RejectedExecutionException e) {
            // the executor stopped (the application is going away): what waits still runs, here — a close must not be lost
            turn();
        }
    }

    /** Runs what waits, in order, up to {@link #TURN} events; then goes to the back of the executor's line if more wait. */
    private void turn() {
        for (int done = 0; done < TURN; done++) {
            Waiting next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    busy = false;
                    waiting = null; // a burst's queue is not kept for the rest of the connection's life
                    return;
                }
                waitingChars -= next.chars();
            }
            runSafely(next.event());
        }
        schedule();
    }

    private static void runSafely(Runnable event) {
        try {
            event.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // never let one event stop the lane: the connection's later frames would never be answered
            LOG.log(Level.ERROR, "A connection's event failed on the hand-off's thread", e);
        }
    }
}
