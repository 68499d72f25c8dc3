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
 * {@link SocketEndpoint} behind the container's login: {@code META-INF/web-fragment.xml} lets only authenticated
 * users upgrade at {@code /secure/socket} (HTTP BASIC, or the session of an application's own login),
 * and each connection starts authenticated as the container's user.
 */
@ServerEndpoint(value = "/secure/socket", configurator = Handshake.Capture.class, decoders = CallDecoder.class)
public class SecureSocketEndpoint {

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
