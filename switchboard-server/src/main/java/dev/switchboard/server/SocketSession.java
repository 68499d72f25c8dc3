package dev.switchboard.server;

import dev.switchboard.verbs.Dispatcher;
import dev.switchboard.verbs.Inbound;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** What both endpoints do with their session: one instance per endpoint instance, so per session. */
@Dependent
class SocketSession {

    private static final Logger LOG = System.getLogger(SocketSession.class.getName());

    @Inject
    Connections connections;

    @Inject
    Dispatcher dispatcher;

    private Connection connection;

    void open(Session session) {
        connection = connections.open(session);
    }

    /** A frame of a session that was refused on open (its origin, its address's cap) is ignored. */
    void text(Inbound frame) {
        if (connection != null) {
            dispatcher.dispatch(connection, frame);
        }
    }

    void binary() {
        if (connection != null) {
            dispatcher.rejectBinary(connection);
        }
    }

    void pong() {
        if (connection != null) {
            connection.heard();
        }
    }

    void close() {
        if (connection == null) {
            return;
        }
        try {
            connections.closed(connection);
        } catch (RuntimeException e) {
            // while the WAR is undeployed the registry may be gone already (seen on Payara)
            LOG.log(Level.DEBUG, "Connection {0} closed during undeployment: {1}", connection.id(), e.toString());
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
        String id = connection == null ? "?" : connection.id();
        if (failure instanceof IOException || failure.getCause() instanceof IOException) {
            LOG.log(Level.DEBUG, "Connection {0}: {1}", id, failure.toString());
        } else if (brokeTheProtocol(failure)) {
            LOG.log(Level.DEBUG, "Connection {0} broke the WebSocket protocol: {1}", id, failure.toString());
        } else {
            LOG.log(Level.ERROR, "Connection " + id + " failed", failure);
        }
    }
}
