package dev.switchboard.server;

import dev.switchboard.config.Settings;
import dev.switchboard.verbs.Dispatcher;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * The WebSocket endpoint at {@code /socket}: transport only. It opens a {@link Connection} per session,
 * hands every frame to the {@link Dispatcher}, and closes the connection when the session ends. All
 * output leaves through the connection's queue, never as a return value.
 */
@ServerEndpoint("/socket")
public class SocketEndpoint {

    private static final Logger LOG = System.getLogger(SocketEndpoint.class.getName());

    @Inject
    Connections connections;

    @Inject
    Dispatcher dispatcher;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        connection = connections.open(session);
    }

    @OnMessage(maxMessageSize = Settings.FRAME_BYTES_CEILING)
    public void text(String frame) {
        dispatcher.dispatch(connection, frame);
    }

    @OnMessage(maxMessageSize = Settings.FRAME_BYTES_CEILING)
    public void binary(ByteBuffer frame) {
        dispatcher.rejectBinary(connection);
    }

    @OnClose
    public void close(CloseReason reason) {
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
     * A failure of the transport (a client gone, a read timeout) is normal and logged at DEBUG; anything
     * else — an error of Switchboard's own, such as a class that fails to load — is logged at ERROR, or it
     * would only show as connections that close with 1006.
     */
    @OnError
    public void error(Throwable failure) {
        String id = connection == null ? "?" : connection.id();
        if (failure instanceof java.io.IOException || failure.getCause() instanceof java.io.IOException) {
            LOG.log(Level.DEBUG, "Connection {0}: {1}", id, failure.toString());
        } else {
            LOG.log(Level.ERROR, "Connection " + id + " failed", failure);
        }
    }
}
