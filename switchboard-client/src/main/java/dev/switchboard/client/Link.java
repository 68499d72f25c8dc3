package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.FrameDecoder;
import dev.switchboard.protocol.FrameEncoder;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket connection to one address: an annotated client endpoint whose frames the container decodes
 * ({@link FrameDecoder}) and encodes ({@link FrameEncoder}) — the same codec the server's endpoints use. Its
 * queue is written by one drain task at a time on the scheduler, never under the client's lock; what it
 * receives and how it ends go to its {@link Owner}.
 *
 * <p>Public only because the container calls its annotated methods by reflection; not part of the client's API
 * (it cannot be made outside this package).
 */
@ClientEndpoint(decoders = FrameDecoder.class, encoders = FrameEncoder.class)
public final class Link {

    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());

    /** The client a link works for. */
    interface Owner {
        void received(Link from, Frame frame);

        /** A text from the server that is no frame of v1 (the container's decoder refused it). */
        void unreadable(Link from, DecodeException failure);

        /** The link is gone (closed, failed, or found dead); called once per link, from any thread. */
        void lost(Link gone, CloseReason reason);

        /** A frame was handed to the socket. */
        void sent(Call frame);
    }

    final URI uri;
    final ConcurrentLinkedQueue<PendingCall> outbound = new ConcurrentLinkedQueue<>();
    final AtomicBoolean pinging = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** How fast this link may send: the limits its {@code welcome} announced. */
    final Pace pace = new Pace();
    private final Owner owner;
    private final ReentrantLock lock;
    private final ScheduledExecutorService scheduler;
    private volatile Session session;
    volatile boolean opened;
    volatile boolean welcomed;
    /** Its connection's id, as the {@code welcome} said. */
    volatile String connectionId;
    /** Set under the owner's lock when the link is lost; nothing more is sent on it. */
    volatile boolean dead;
    volatile long lastReceived = System.nanoTime();

    /** @param lock the owner's lock, under which a call is marked sent as it leaves the queue */
    Link(URI uri, Owner owner, ReentrantLock lock, ScheduledExecutorService scheduler) {
        this.uri = uri;
        this.owner = owner;
        this.lock = lock;
        this.scheduler = scheduler;
    }

    @OnOpen
    public void opened(Session session) {
        this.session = session;
        if (dead) {
            close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "connect attempt abandoned"));
            return;
        }
        this.opened = true;
        this.lastReceived = System.nanoTime();
        if (!outbound.isEmpty()) {
            kick();
        }
    }

    /** A frame from the server, decoded by {@link FrameDecoder}. */
    @OnMessage
    public void received(Frame frame) {
        lastReceived = System.nanoTime();
        owner.received(this, frame);
    }

    @OnClose
    public void closed(CloseReason reason) {
        owner.lost(this, reason);
    }

    @OnError
    public void failed(Throwable failure) {
        if (failure instanceof DecodeException unreadable) {
            lastReceived = System.nanoTime();
            owner.unreadable(this, unreadable);
            return;
        }
        LOG.log(Level.DEBUG, "Connection to {0}: {1}", uri, failure.toString());
    }

    /**
     * The WebSocket API has no connect timeout, and a server that is half up (port open, handler not yet) can
     * hold a handshake for the container's own limit (30 s in Tyrus): a link without {@code welcome} in time is
     * given up, so that the next address is tried.
     */
    void abandonUnlessWelcomedWithin(Duration timeout) {
        scheduler.schedule(() -> {
            if (!welcomed && !dead) {
                LOG.log(Level.DEBUG, "No welcome from {0} within {1} ms; trying the next address", uri, timeout.toMillis());
                abort("no welcome within " + timeout.toMillis() + " ms");
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void enqueue(PendingCall call) {
        outbound.add(call);
        kick();
    }

    private void kick() {
        if (session != null && draining.compareAndSet(false, true)) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            if (!outbound.isEmpty() && !dead) {
                long wait = pace.take(System.nanoTime());
                if (wait > 0) { // over the server's rate: go on when there is a token (still draining meanwhile)
                    scheduler.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
                    return;
                }
            }
            PendingCall call;
            lock.lock();
            try {
                call = dead ? null : outbound.poll();
                if (call != null) {
                    call.sent = true;
                }
            } finally {
                lock.unlock();
            }
            if (call == null) {
                draining.set(false);
                if (dead || outbound.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                session.getBasicRemote().sendObject(call.frame);
            } catch (IOException | EncodeException | RuntimeException e) {
                draining.set(false);
                abort("send failed: " + e);
                return;
            }
            owner.sent(call.frame);
            if (call.id == null) {
                call.cancelTimer();
                call.future.complete(JsonValue.NULL);
            }
        }
    }

    /** Treats the link as dead now (the socket may take long to notice) and closes it. */
    void abort(String why) {
        owner.lost(this, new CloseReason(CloseCodes.CLOSED_ABNORMALLY, why));
        close(new CloseReason(CloseCodes.GOING_AWAY, why));
    }

    void close(CloseReason reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Closing the connection to {0}: {1}", uri, e.toString());
        }
    }
}
