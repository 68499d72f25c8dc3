package dev.switchboard.server;

import dev.switchboard.verbs.Dispatcher;
import dev.switchboard.verbs.Inbound;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What both endpoints do with their session: one instance per endpoint instance, so per session. Every event of the
 * session goes through its {@link Lane}, in the order it came: where the container runs the endpoint on its I/O thread
 * ({@link Transports#onIoThread}), every call that may wait, and the close, go to the {@link Handoff}'s threads, and what
 * answers at once ({@link Dispatcher#answersAtOnce}) stays — unless something of the session waits there. (Undertow
 * runs the open on the upgrade request's worker thread: it runs there.)
 */
@Dependent
class SocketSession {

    private static final Logger LOG = System.getLogger(SocketSession.class.getName());

    @Inject
    Connections connections;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Handoff handoff;

    private Session session;
    private Lane lane;
    /**
     * Whether the session's frames came on the container's I/O thread (seen at each frame; Undertow runs the open on
     * the upgrade request's worker thread): then its close always goes to the hand-off too, even when the container
     * runs it on whatever thread closed the session (an eviction during a fan-out, on the cluster's receiver: the close
     * leaves the rooms, which may wait for the broker).
     */
    private volatile boolean handsOff;
    /** The lane is full: its close waits in it, so nothing more is taken. */
    private volatile boolean overflowed;
    /** Set by the open, which may run on the hand-off's thread; read by the pong on the container's. */
    private volatile Connection connection;

    void open(Session session, EndpointConfig config) {
        this.session = session;
        IdleTimers.install(session); // Payara: no task on the container's scheduler for every frame
        releaseUpgrade(session, config); // WildFly: the upgraded request is not kept for the connection's life
        lane = handoff.lane();
        Object handshake = session.getUserProperties().get(Handshake.PROPERTY);
        if (Transports.onIoThread()) {
            lane.run(() -> openHandedOff(config, handshake), false);
        } else {
            connection = connections.open(session);
            forgetHandshake(config, handshake);
        }
    }

    /** Lets go of the request the session was upgraded from, where the handshake noted how ({@link UpgradeExchange}). */
    private static void releaseUpgrade(Session session, EndpointConfig config) {
        Object release = session.getUserProperties().remove(Handshake.RELEASE);
        if (release instanceof Runnable releaser) {
            config.getUserProperties().remove(Handshake.RELEASE, release);
            releaser.run();
        }
    }

    /**
     * The open has read the handshake from the session's properties (and taken it out of them); the container also keeps
     * the session's copy of the endpoint's configuration, whose properties hold it too, for the connection's life. Only
     * this session's own is taken out: were the configuration's properties shared by sessions, another handshake's would
     * stay for its open.
     */
    private static void forgetHandshake(EndpointConfig config, Object handshake) {
        if (handshake != null) {
            config.getUserProperties().remove(Handshake.PROPERTY, handshake);
        }
    }

    /** The open on the hand-off's thread, where no container closes the session if it fails. */
    private void openHandedOff(EndpointConfig config, Object handshake) {
        try {
            connection = connections.open(session);
            forgetHandshake(config, handshake);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "Could not open a connection; closing its session", e);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server error"));
            } catch (IOException | RuntimeException closing) {
                LOG.log(Level.DEBUG, "Closing a session that could not open: {0}", closing.toString());
            }
        }
    }

    /** A frame of a session that was refused on open (its origin, its address's cap) is ignored. */
    void text(Inbound frame) {
        boolean here = !onIoThread() || dispatcher.answersAtOnce(frame);
        if (!overflowed && !lane.offer(() -> dispatch(frame), here, frame.chars())) {
            overflow();
        }
    }

    private void dispatch(Inbound frame) {
        Connection open = connection;
        if (open != null) {
            dispatcher.dispatch(open, frame);
        }
    }

    void binary() {
        onIoThread(); // noted for the close, as for a text frame: a session may send nothing else
        if (!overflowed && !lane.offer(this::rejectBinary, true, 0)) {
            overflow();
        }
    }

    /** Whether this event came on an I/O thread; noted for the close. */
    private boolean onIoThread() {
        boolean io = Transports.onIoThread();
        if (io && !handsOff) {
            handsOff = true;
        }
        return io;
    }

    /** The lane is full: the close goes in behind what waits (whose replies still go out), and nothing more is taken. */
    private void overflow() {
        overflowed = true;
        lane.run(this::tooManyWaiting, false);
    }

    private void rejectBinary() {
        Connection open = connection;
        if (open != null) {
            dispatcher.rejectBinary(open);
        }
    }

    /** Not in the lane: only notes that the peer is there. */
    void pong() {
        Connection open = connection;
        if (open != null) {
            open.heard();
        }
    }

    void close() {
        if (lane != null) {
            lane.run(this::closed, !handsOff && !Transports.onIoThread());
        }
    }

    private void closed() {
        Connection open = connection;
        if (open == null) {
            return;
        }
        try {
            connections.closed(open);
        } catch (RuntimeException e) {
            // while the WAR is undeployed the registry may be gone already (seen on Payara)
            LOG.log(Level.DEBUG, "Connection {0} closed during undeployment: {1}", open.id(), e.toString());
        }
    }

    /**
     * More of the session's calls wait than {@code switchboard.handoff.maxWaiting} (or {@code …maxWaitingChars}): it
     * sends faster than they can be answered (its rate limit lifted, or the node's threads all waiting for the broker),
     * so it is closed like a flood.
     */
    private void tooManyWaiting() {
        String reason = "too many calls waiting";
        Connection open = connection;
        if (open != null) {
            open.closeAfterQueued(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason);
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Closing a session with too many calls waiting: {0}", e.toString());
        }
    }

    /**
     * The container's own refusal of what a client sent (Tyrus: {@code MessageTooBigException},
     * {@code ProtocolException}, {@code Utf8DecodingException}); the container closes that connection.
     */
    private static boolean brokeTheProtocol(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getSimpleName();
            if (name.equals("MessageTooBigException") || name.equals("ProtocolException")
                    || name.equals("Utf8DecodingException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure of the transport (a client gone, a read timeout) is normal and logged at DEBUG; anything
     * else — an error of Switchboard's own, such as a class that fails to load — is logged at ERROR, or it
     * would only show as connections that close with 1006.
     */
    void error(Throwable failure) {
        Connection open = connection;
        String id = open == null ? "?" : open.id();
        if (failure instanceof IOException || failure.getCause() instanceof IOException) {
            LOG.log(Level.DEBUG, "Connection {0}: {1}", id, failure.toString());
        } else if (brokeTheProtocol(failure)) {
            LOG.log(Level.DEBUG, "Connection {0} broke the WebSocket protocol: {1}", id, failure.toString());
        } else {
            LOG.log(Level.ERROR, "Connection " + id + " failed", failure);
        }
    }
}
