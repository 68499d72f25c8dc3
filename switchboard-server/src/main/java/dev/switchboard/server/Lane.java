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
 * <p>At most {@code maxWaiting} events may wait ({@link #offer}); a connection that sends faster than its calls are
 * answered is told by {@code false}, and its endpoint closes it. An event that fails on this thread fails to its caller
 * (the container), as it would without a lane; one that fails on the executor is logged, and the lane goes on.
 */
final class Lane {

    private static final Logger LOG = System.getLogger(Lane.class.getName());

    /** Events run by one turn on the executor before it lets other connections' turns go first. */
    static final int TURN = 64;

    private final Executor executor;
    private final int maxWaiting;
    /** Made when the first event waits: most connections of a node never have one (an idle one holds only the lane). */
    private ArrayDeque<Runnable> waiting;
    /** A turn on the executor is due or running; guarded by {@code this}. */
    private boolean busy;

    Lane(Executor executor, int maxWaiting) {
        this.executor = executor;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Runs the event now, on this thread, when {@code here} and nothing waits; otherwise behind what waits, on the
     * executor. False, and the event dropped, when {@code maxWaiting} wait already.
     */
    boolean offer(Runnable event, boolean here) {
        return enqueue(event, here, true);
    }

    /** As {@link #offer}, but never dropped: for what must happen however many wait (the open, the close). */
    void run(Runnable event, boolean here) {
        enqueue(event, here, false);
    }

    private boolean enqueue(Runnable event, boolean here, boolean bounded) {
        boolean start;
        synchronized (this) {
            if (here && !busy) {
                start = false;
            } else {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                } else if (bounded && waiting.size() >= maxWaiting) {
                    return false;
                }
                waiting.add(event);
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
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    busy = false;
                    waiting = null; // a burst's queue is not kept for the rest of the connection's life
                    return;
                }
            }
            runSafely(next);
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
