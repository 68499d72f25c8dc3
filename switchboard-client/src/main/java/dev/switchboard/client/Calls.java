package dev.switchboard.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls in flight: those waiting for their reply by id (correlation), and the spool of those made
 * while not connected, in order and bounded. Not thread-safe: every method runs under the client's lock.
 */
final class Calls {

    private final Map<Long, PendingCall> awaiting = new HashMap<>();
    private final Deque<PendingCall> spool = new ArrayDeque<>();
    private final int spoolSize;

    Calls(int spoolSize) {
        this.spoolSize = spoolSize;
    }

    boolean spoolFull() {
        return spool.size() >= spoolSize;
    }

    int spoolSize() {
        return spoolSize;
    }

    void spool(PendingCall call) {
        spool.add(call);
    }

    /** Puts a call back at the head of the spool (a keyed call to send again). */
    void spoolFirst(PendingCall call) {
        spool.addFirst(call);
    }

    /** Puts a call on a link's queue, awaiting its reply when it has an id. */
    void handOver(Link target, PendingCall call) {
        if (call.id != null) {
            awaiting.put(call.id, call);
        }
        target.enqueue(call);
    }

    /** The spool, in order, onto a link that is ready. */
    void drainSpool(Link target) {
        for (PendingCall call; (call = spool.poll()) != null; ) {
            handOver(target, call);
        }
    }

    /** The call this reply answers, or {@code null} (timed out already). */
    PendingCall answered(Object id) {
        return awaiting.remove(id);
    }

    /** A call past its deadline leaves wherever it waits. */
    void forget(PendingCall call, Link current) {
        spool.remove(call);
        if (call.id != null) {
            awaiting.remove(call.id);
        }
        if (current != null) {
            current.outbound.remove(call);
        }
    }

    /**
     * A link is lost: what it had not sent goes back to the front of the spool (in order), except the
     * client's own calls; so do the keyed calls sent and unanswered ({@link PendingCall#keyed}), before them, in the
     * order they were made — the server answers their repeat without sending twice. The client's own calls and
     * every other call sent and unanswered are returned, to fail: never sent twice.
     */
    List<PendingCall> lost(Link gone) {
        List<PendingCall> failed = new ArrayList<>();
        List<PendingCall> again = new ArrayList<>();
        for (PendingCall call; (call = gone.outbound.poll()) != null; ) {
            if (call.id != null) {
                awaiting.remove(call.id);
            }
            if (call.internal) {
                failed.add(call);
            } else {
                again.add(call);
            }
        }
        List<PendingCall> sent = new ArrayList<>(awaiting.values());
        awaiting.clear();
        sent.sort(java.util.Comparator.comparingLong(call -> call.id));
        List<PendingCall> resent = new ArrayList<>();
        for (PendingCall call : sent) {
            (call.keyed ? resent : failed).add(call);
        }
        again.addAll(0, resent);
        for (int i = again.size() - 1; i >= 0; i--) {
            spool.addFirst(again.get(i));
        }
        return failed;
    }

    /** Everything pending (spool, waiting, and a link's unsent calls without a reply), for a close. */
    List<PendingCall> takeAll(Link current) {
        List<PendingCall> all = new ArrayList<>(spool);
        spool.clear();
        all.addAll(awaiting.values());
        awaiting.clear();
        if (current != null) {
            for (PendingCall call; (call = current.outbound.poll()) != null; ) {
                if (call.id == null) {
                    all.add(call);
                }
            }
        }
        return all;
    }
}
