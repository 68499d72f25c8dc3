package dev.switchboard.client;

import dev.switchboard.server.InProcessServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * A server that does only what a test tells it, over a real socket (Tyrus's Grizzly server): it keeps every
 * connection and every text each one received, and sends or closes on the newest one when asked.
 */
final class ScriptedServer implements AutoCloseable {

    /** One connection: its session and what the client sent on it, in order. */
    record Connection(Session session, List<String> received) {
    }

    private final int port = InProcessServer.freePort();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ServerContainer container;

    ScriptedServer() {
        container = new GrizzlyServerContainer().createContainer(new HashMap<>());
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(Scripted.class, "/socket")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> type) {
                            return type.cast(new Scripted(connections));
                        }
                    }).build());
            container.start("/switchboard", port);
        } catch (IOException | jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException("could not start a scripted server on port " + port, e);
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/switchboard/socket");
    }

    List<Connection> connections() {
        return connections;
    }

    Connection newest() {
        if (connections.isEmpty()) {
            throw new AssertionError("the client has not connected");
        }
        return connections.get(connections.size() - 1);
    }

    void send(String text) {
        try {
            newest().session().getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close(int code, String reason) {
        try {
            newest().session().close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    /** The endpoint of one connection. */
    public static final class Scripted extends Endpoint {
        private final List<Connection> connections;

        Scripted(List<Connection> connections) {
            this.connections = connections;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Connection connection = new Connection(session, new CopyOnWriteArrayList<>());
            session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) connection.received()::add);
            connections.add(connection);
        }
    }
}
