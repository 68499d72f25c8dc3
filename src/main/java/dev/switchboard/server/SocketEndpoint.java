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

    @OnError
    public void error(Throwable failure) {
        LOG.log(Level.DEBUG, "Connection {0}: {1}", connection == null ? "?" : connection.id(), failure.toString());
    }
}
