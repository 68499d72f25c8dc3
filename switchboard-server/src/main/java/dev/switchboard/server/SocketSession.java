package dev.switchboard.server;

import dev.switchboard.verbs.Dispatcher;
import dev.switchboard.verbs.Inbound;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * What both endpoints do with their session: one instance per endpoint instance, so per session. Every event of the
 * session goes through its {@link Lane}, in the order it came: where the container runs the endpoint on its I/O thread
 * ({@link Transports#onIoThread}), the open, the close and every call that may wait go to the {@link Handoff}'s threads,
 * and what answers at once ({@link Dispatcher#answersAtOnce}) stays — unless something of the session waits there.
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
    /** Set by the open, which may run on the hand-off's thread; read by the pong on the container's. */
    private volatile Connection connection;

    void open(Session session) {
        this.session = session;
        lane = handoff.lane();
        if (Transports.onIoThread()) {
            lane.run(this::openHandedOff, false);
        } else {
            connection = connections.open(session);
        }
    }

    /** The open on the hand-off's thread, where no container closes the session if it fails. */
    private void openHandedOff() {
        try {
            connection = connections.open(session);
        } catch (RuntimeException e) {
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
        boolean here = !Transports.onIoThread() || dispatcher.answersAtOnce(frame);
        if (!lane.offer(() -> dispatch(frame), here)) {
            tooManyWaiting();
        }
    }

    private void dispatch(Inbound frame) {
        Connection open = connection;
        if (open != null) {
            dispatcher.dispatch(open, frame);
        }
    }

    void binary() {
        if (!lane.offer(this::rejectBinary, true)) {
            tooManyWaiting();
        }
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
            lane.run(this::closed, !Transports.onIoThread());
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
     * More of the session's calls wait than {@code switchboard.handoff.maxWaiting}: it sends faster than they can be
     * answered (its rate limit lifted, or the node's threads all waiting for the broker), so it is closed like a flood.
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
