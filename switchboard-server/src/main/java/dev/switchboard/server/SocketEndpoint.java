package dev.switchboard.server;

import dev.switchboard.config.Settings;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The WebSocket endpoint at {@code /socket}: transport only. It opens a {@link Connection} per session,
 * hands every frame to the dispatcher, and closes the connection when the session ends. All output
 * leaves through the connection's queue, never as a return value. {@link SecureSocketEndpoint} is the
 * same behind the container's login.
 */
@ServerEndpoint(value = "/socket", configurator = Handshake.Capture.class)
public class SocketEndpoint {

    @Inject
    SocketSession socket;

    @OnOpen
    public void open(Session session) {
        socket.open(session);
    }

    @OnMessage(maxMessageSize = Settings.FRAME_BYTES_CEILING)
    public void text(String frame) {
        socket.text(frame);
    }

    @OnMessage(maxMessageSize = Settings.FRAME_BYTES_CEILING)
    public void binary(ByteBuffer frame) {
        socket.binary();
    }

    /** The answer to the keep-alive's ping. */
    @OnMessage
    public void pong(PongMessage pong) {
        socket.pong();
    }

    @OnClose
    public void close(CloseReason reason) {
        socket.close();
    }

    @OnError
    public void error(Throwable failure) {
        socket.error(failure);
    }
}
