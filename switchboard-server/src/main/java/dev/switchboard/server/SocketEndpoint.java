package dev.switchboard.server;

import dev.switchboard.config.LimitSettings;
import dev.switchboard.verbs.Inbound;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
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
 * hands every frame — decoded by the container through {@link CallDecoder} — to the dispatcher, and closes
 * the connection when the session ends. All output leaves through the connection's queue, encoded once
 * when it is queued (a broadcast is the same text for every member), never as a return value.
 * {@link SecureSocketEndpoint} is the same behind the container's login.
 */
@ServerEndpoint(value = "/socket", configurator = Handshake.Capture.class, decoders = CallDecoder.class)
public class SocketEndpoint {

    @Inject
    SocketSession socket;

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        socket.open(session, config);
    }

    /** A text frame, read by {@link CallDecoder}. */
    @OnMessage(maxMessageSize = LimitSettings.FRAME_BYTES_CEILING)
    public void text(Inbound frame) {
        socket.text(frame);
    }

    @OnMessage(maxMessageSize = LimitSettings.FRAME_BYTES_CEILING)
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
