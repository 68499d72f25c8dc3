package dev.switchboard.rooms;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The flush at the end of a fan-out, one task per writing thread instead of one per member. Undertow writes a
 * connection's frames on the I/O thread that owns its socket: a send from any other thread is handed to that thread,
 * one task and (when it sleeps) one wake-up each. A room's members spread over the node's I/O threads, so this hands
 * each of those threads, at once, the flushes of all of its members, and flushes here those of this thread and those
 * with no such thread (Payara: its sends start on the caller's thread).
 */
final class Flushes {

    private static final Logger LOG = System.getLogger(Flushes.class.getName());

    private Flushes() {
    }

    /** Starts sending what each member was offered. */
    static void flush(Iterable<Member> members) {
        Map<Executor, List<Member>> byWriter = null;
        Thread here = Thread.currentThread();
        for (Member member : members) {
            Executor writer = member.writer();
            if (writer == null || writer == here) {
                member.flush();
                continue;
            }
            if (byWriter == null) {
                byWriter = new IdentityHashMap<>();
            }
            byWriter.computeIfAbsent(writer, w -> new ArrayList<>()).add(member);
        }
        if (byWriter == null) {
            return;
        }
        for (Map.Entry<Executor, List<Member>> each : byWriter.entrySet()) {
            List<Member> theirs = each.getValue();
            if (theirs.size() == 1) { // nothing to share: the container hands the one send over itself
                theirs.get(0).flush();
                continue;
            }
            try {
                each.getKey().execute(() -> flushEach(theirs));
            } catch (RejectedExecutionException e) { // the thread is going away (the server stops): from here, then
                flushEach(theirs);
            }
        }
    }

    /** Starts sending to each member, on whatever thread this runs; one that fails does not hold the others up. */
    private static void flushEach(List<Member> members) {
        for (Member member : members) {
            try {
                member.flush();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "Could not flush member " + member.id(), e);
            }
        }
    }
}
