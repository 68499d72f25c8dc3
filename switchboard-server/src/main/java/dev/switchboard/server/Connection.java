package dev.switchboard.server;

import dev.switchboard.config.LimitSettings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Details;
import dev.switchboard.protocol.Limits;
import dev.switchboard.security.Identity;
import dev.switchboard.security.Refusals;
import dev.switchboard.verbs.Caller;
import dev.switchboard.verbs.FrameBudget;
import dev.switchboard.verbs.ReplyOrder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

/**
 * One client connection: its state and the only writer of its {@link Session}.
 *
 * <p>Frames go into a bounded queue and leave one at a time through {@code getAsyncRemote()}; the
 * next send starts when the previous one completes. Whoever finds the writer idle becomes the writer;
 * a send that completes before {@code sendText} returns is followed in the same loop, so a long queue
 * never deepens the stack. A member that does not read fills its queue and is closed with 1013 at
 * the bound, without slowing anyone else down.
 *
 * <p>What the client asked for itself does not trip the bound of a client that reads: a reply is refused
 * only when the queue was over its bound of characters before it (so one large reply — a long history, a
 * big file, a huge room's view — always goes out to a connection that keeps up), and a replay of a room's
 * history takes one place in the queue and is written frame by frame as the client reads ({@link Replay}).
 */
final class Connection implements Caller {

    private static final Logger LOG = System.getLogger(Connection.class.getName());
    private static final AtomicIntegerFieldUpdater<Connection> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "queued");
    private static final AtomicLongFieldUpdater<Connection> QUEUED_CHARS =
            AtomicLongFieldUpdater.newUpdater(Connection.class, "queuedChars");
    private static final AtomicIntegerFieldUpdater<Connection> WRITING =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "writing");
    private static final AtomicIntegerFieldUpdater<Connection> CLOSING =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "closing");
    private static final AtomicLongFieldUpdater<Connection> MESSAGES_IN =
            AtomicLongFieldUpdater.newUpdater(Connection.class, "messagesIn");
    private static final AtomicLongFieldUpdater<Connection> MESSAGES_OUT =
            AtomicLongFieldUpdater.newUpdater(Connection.class, "messagesOut");
    private static final AtomicIntegerFieldUpdater<Connection> AUTH_FAILURES =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "authFailures");
    private static final AtomicIntegerFieldUpdater<Connection> RUNNING_ACTIONS =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "runningActions");

    private final String id;
    private final Session session;
    private final RemoteEndpoint.Async remote;
    /** The thread that writes its socket (Undertow's I/O thread), or {@code null}: {@link #writer}. */
    private final Executor writer;
    private final String remoteAddress;
    private final String fingerprint;
    /** It asked for presence diffs ({@code presence=diff}). */
    private final boolean presenceDiffs;
    private final Principal principal;
    private final Set<String> principalRoles;
    private final long connectedAt;
    private final LimitSettings limits;
    /**
     * The rate of binary frames (text frames have theirs in the connection's {@code InboundReader}); made at the first
     * one, since protocol v1 has none and an idle connection should hold no more than it needs.
     */
    private volatile FrameBudget binaryBudget;
    private final Consumer<Refusals.Kind> refused;
    private final Meters.Outbound meters;
    /**
     * Its rooms: changed at a join or a leave, read far more often. Copy-on-write: one room in ~80 bytes of heap, where
     * a concurrent hash set takes ~210 (docs/performance.md, "What an idle connection holds").
     */
    private final Set<String> rooms = new CopyOnWriteArraySet<>();
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    // The counters and flags are fields changed through updaters, not atomics of their own: eight objects, ~150 bytes
    // of every idle connection's heap (docs/performance.md, "What an idle connection holds").
    private volatile int queued;
    private volatile long queuedChars;
    /** 1 while a thread owns the writer ({@link #drain}). */
    private volatile int writing;
    /** 1 once it closes: nothing more is sent. */
    private volatile int closing;
    /** A close was asked for: frames that still come are ignored. */
    private volatile boolean closeRequested;
    /** The close was queued (behind the replies of earlier calls): nothing more is queued after it. */
    private volatile boolean closeQueued;
    private volatile long messagesIn;
    private volatile long messagesOut;
    private volatile int authFailures;
    private volatile int runningActions;
    /** Replies waiting for the reply of an earlier call that is still running; bounded like the queue. */
    private final ReplyOrder replies;
    /** The replay the writer is in the middle of; only the writer touches it. */
    private Replay replaying;
    private volatile boolean overflowed;
    private volatile Identity identity;
    private Instant warnedOf;
    private volatile Users users;
    private volatile long heardAt = System.nanoTime();
    private volatile long pingedAt;

    /** What a ping carries; the pong's content is not looked at. */
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'s', 'b'}).asReadOnlyBuffer();

    /** The place of a ping in the outbound queue: pings go through the one writer too. */
    private static final Object PING_MARK = new Object();

    /**
     * @param presenceDiffs whether it asked for presence diffs ({@code presence=diff} in the query)
     * @param principal the container's login of the upgrade request, or {@code null}
     * @param principalRoles its roles among those Switchboard asks about
     * @param refused counts what this connection had refused or cut off (by {@link Refusals})
     * @param meters counts the frames it delivers and drops
     */
    Connection(String id, Session session, String remoteAddress, String fingerprint, boolean presenceDiffs, Principal principal,
            Set<String> principalRoles, long connectedAt, LimitSettings limits, Consumer<Refusals.Kind> refused, Meters meters) {
        this.id = id;
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.writer = Transports.writer(session);
        this.remoteAddress = remoteAddress;
        this.fingerprint = fingerprint;
        this.presenceDiffs = presenceDiffs;
        this.principal = principal;
        this.principalRoles = Set.copyOf(principalRoles);
        this.connectedAt = connectedAt;
        this.limits = limits;
        this.refused = refused;
        this.meters = meters.outbound(); // once: not through the bean's proxy for every frame
        this.replies = new ReplyOrder(this::offerReply, this::flush, limits.queueFrames(), limits.queueChars(), () -> {
            overflowed = true;
            flush(); // evicted as a reader that does not keep up: its replies pile up behind a slow action
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String user() {
        Identity current = identity;
        return current == null ? null : current.user();
    }

    /** Whether it was told its token expires at this time: true the first time for each expiry. Keep-alive's thread only. */
    boolean warnOnce(Instant expires) {
        if (expires.equals(warnedOf)) {
            return false;
        }
        warnedOf = expires;
        return true;
    }

    /** Who it has proven to be, and with what; {@code null} while anonymous. */
    public Identity identity() {
        return identity;
    }

    @Override
    public Set<String> roles() {
        Identity current = identity;
        return current == null ? Set.of() : current.roles();
    }

    @Override
    public void authenticate(Identity identity) {
        String before = user();
        this.identity = identity; // failures are not forgiven: "bad, bad, good" cannot repeat forever
        Users index = users;
        if (index != null) {
            index.changed(this, before, identity.user());
        }
    }

    /** The node's index of connections by user, kept up to date as this one authenticates. */
    void indexIn(Users users) {
        this.users = users;
    }

    @Override
    public int authFailed() {
        return AUTH_FAILURES.incrementAndGet(this);
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public Set<String> principalRoles() {
        return principalRoles;
    }

    @Override
    public boolean startAction(int max) {
        if (RUNNING_ACTIONS.incrementAndGet(this) > max) {
            RUNNING_ACTIONS.decrementAndGet(this);
            return false;
        }
        return true;
    }

    @Override
    public void actionEnded() {
        RUNNING_ACTIONS.decrementAndGet(this);
    }

    @Override
    public void reply(String frame) {
        if (!replies.queueBehindWaiting(frame)) {
            offerReply(frame);
            flush();
        }
    }

    @Override
    public ReplySlot reserveReply() {
        return replies.reserve();
    }

    @Override
    public Executor writer() {
        return writer;
    }

    @Override
    public boolean presenceDiffs() {
        return presenceDiffs;
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public Details details() {
        return new Details(id, fingerprint, remoteAddress, connectedAt, rooms.stream().sorted().toList(), user(),
                messagesIn, messagesOut, new Limits(limits.framesPerSecond(), limits.burst(), limits.maxFrameBytes()));
    }

    @Override
    public void received() {
        MESSAGES_IN.incrementAndGet(this);
        heard();
    }

    @Override
    public Admission admitFrame() {
        FrameBudget budget = binaryBudget;
        if (budget == null) { // a connection's binary frames come one at a time, in its lane
            budget = new FrameBudget(limits.framesPerSecond(), limits.burst(), limits.closeAfterRefused(), System::nanoTime);
            binaryBudget = budget;
        }
        Admission admission = budget.take();
        if (admission != Admission.ADMIT) {
            refused.accept(admission == Admission.CLOSE ? Refusals.Kind.FLOODING : Refusals.Kind.RATE_LIMITED);
        }
        return admission;
    }

    /** The client showed it is alive (a frame, a pong). */
    void heard() {
        heardAt = System.nanoTime();
        pingedAt = 0;
    }

    /**
     * The keep-alive's look at this connection: pings it when it has been quiet for {@code interval},
     * and answers true when a ping has gone unanswered for {@code timeout} — it is gone.
     */
    boolean keepAlive(long now, long intervalNanos, long timeoutNanos) {
        long pinged = pingedAt;
        if (pinged != 0) {
            return now - pinged > timeoutNanos;
        }
        if (now - heardAt > intervalNanos) {
            pingedAt = now;
            queue.offer(PING_MARK);
            flush();
        }
        return false;
    }

    /** The remote address the limits count by. */
    String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void offer(String frame) {
        enqueue(frame, false);
    }

    /** A reply: refused only when the queue was over its bound of characters before it came. */
    private void offerReply(String frame) {
        enqueue(frame, true);
    }

    private void enqueue(String frame, boolean reply) {
        if (closing != 0 || closeQueued || overflowed) {
            meters.dropped(1);
            return;
        }
        long before = QUEUED_CHARS.getAndAdd(this, frame.length());
        if (QUEUED.incrementAndGet(this) > limits.queueFrames()
                || (reply ? before : before + frame.length()) > limits.queueChars()) {
            overflowed = true;
            meters.dropped(1);
            return;
        }
        queue.offer(frame);
    }

    @Override
    public void offerAll(List<String> frames) {
        if (closing != 0 || closeQueued || overflowed) {
            meters.dropped(frames.size());
            return;
        }
        if (QUEUED.incrementAndGet(this) > limits.queueFrames()) {
            overflowed = true;
            meters.dropped(frames.size());
            return;
        }
        queue.offer(new Replay(frames));
    }

    @Override
    public void flush() {
        if (overflowed) {
            if (closing == 0) {
                LOG.log(Level.INFO, "Connection {0} does not read fast enough: {1} frames, {2} characters queued;"
                        + " closing it", id, queued, queuedChars);
                refused.accept(Refusals.Kind.SLOW_CONSUMER);
            }
            evict(new CloseReason(CloseCodes.TRY_AGAIN_LATER, "outbound queue full"));
            return;
        }
        if (WRITING.compareAndSet(this, 0, 1)) {
            drain();
        }
    }

    @Override
    public void send(String frame) {
        offer(frame);
        flush();
    }

    @Override
    public void closeAfterQueued(int closeCode, String reason) {
        if (closeRequested) {
            return;
        }
        closeRequested = true; // nothing more is read; the replies of calls still running go out first
        Runnable close = () -> {
            closeQueued = true;
            queue.offer(new CloseReason(CloseCodes.getCloseCode(closeCode), reason));
            flush();
        };
        if (!replies.runBehindWaiting(close)) {
            close.run();
        }
    }

    @Override
    public boolean closing() {
        return closeRequested || closing != 0;
    }

    /** Frames of a room's history to write one by one, in the place of the queue where they were offered. */
    private static final class Replay {
        static final Object DONE = new Object();
        private final List<String> frames;
        private int next;

        Replay(List<String> frames) {
            this.frames = frames;
        }

        Object next() {
            return next < frames.size() ? frames.get(next++) : DONE;
        }
    }

    /** Closes now, dropping whatever is queued. Safe to call from any thread, more than once. */
    void close(CloseReason reason) {
        if (!CLOSING.compareAndSet(this, 0, 1)) {
            return;
        }
        queue.clear();
        meters.dropped(Math.max(0, QUEUED.getAndSet(this, 0)));
        queuedChars = 0;
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "Connection {0} was already gone: {1}", id, e.toString());
        } catch (RuntimeException e) {
            // the container's own failure while closing (Payara, a transport ended first) is not the caller's: a
            // member evicted during a fan-out must not fail the publisher
            LOG.log(Level.DEBUG, "Connection {0}: the container failed to close it: {1}", id, e.toString());
        }
    }

    /**
     * Closes a connection whose peer does not read or answer (evicted at its queue's bound, or dead after a
     * ping): the close frame is queued, and the transport is released at once where the container allows
     * ({@link Transports}) — waiting for a peer that never reads would hold the socket and its unsent data.
     */
    void evict(CloseReason reason) {
        if (closing != 0) {
            return; // closed already
        }
        if (Transports.closeAndRelease(session, () -> close(reason))) {
            LOG.log(Level.DEBUG, "Connection {0}: transport released", id);
        }
    }

    /** The container closed the session: nothing more will be sent. */
    void closed() {
        closing = 1;
        queue.clear();
    }

    /** Sends queued frames until the queue is empty or a send is still in flight; this thread owns the writer. */
    private void drain() {
        while (true) {
            Object next = replaying != null ? replaying.next() : queue.poll();
            if (next instanceof Replay replay) {
                QUEUED.decrementAndGet(this);
                replaying = replay;
                continue;
            }
            if (next == Replay.DONE) {
                replaying = null;
                continue;
            }
            if (next == null) {
                writing = 0;
                // a frame offered between poll() and set(false) would wait forever: look again
                if (queue.isEmpty() || !WRITING.compareAndSet(this, 0, 1)) {
                    return;
                }
                continue;
            }
            if (next instanceof CloseReason reason) {
                close(reason);
                return;
            }
            if (next == PING_MARK) {
                if (closing == 0) {
                    ping();
                }
                continue;
            }
            if (replaying == null) { // a frame of a replay was never counted
                QUEUED.decrementAndGet(this);
                QUEUED_CHARS.addAndGet(this, -((String) next).length());
            }
            if (closing != 0) {
                replaying = null;
                continue;
            }
            MESSAGES_OUT.incrementAndGet(this);
            meters.delivered();
            Completion completion = new Completion();
            try {
                remote.sendText((String) next, completion);
            } catch (IllegalStateException e) {
                close(new CloseReason(CloseCodes.GOING_AWAY, "send failed"));
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // Tyrus throws java.lang.Error for text it cannot encode (a lone surrogate that got past us):
                // whoever flushed — a fan-out under a room, the cluster's receiver, the keep-alive — goes on
                LOG.log(Level.ERROR, "Send to connection " + id + " failed; closing it", e);
                close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
                return;
            }
            if (!completion.returned()) {
                return;
            }
        }
    }

    private void ping() {
        try {
            remote.sendPing(PING.duplicate());
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "Connection {0}: ping failed: {1}", id, e.toString());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "Ping to connection " + id + " failed; closing it", e);
            close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "ping failed"));
        }
    }

    /**
     * The end of one async send. If it completes inside {@code sendText}, the drain loop goes on; if it
     * completes later, it starts the drain again in the completing thread.
     */
    private final class Completion implements SendHandler {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int COMPLETED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                LOG.log(Level.DEBUG, "Send to connection {0} failed: {1}", id, String.valueOf(result.getException()));
                close(new CloseReason(CloseCodes.GOING_AWAY, "send failed"));
            }
            if (!state.compareAndSet(PENDING, COMPLETED)) {
                drain();
            }
        }

        /** Called after {@code sendText} returned: true when the send completed already. */
        boolean returned() {
            return !state.compareAndSet(PENDING, RETURNED);
        }
    }
}
