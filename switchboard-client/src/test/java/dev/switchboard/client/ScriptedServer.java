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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * A server that does only what a test tells it, over a real socket (Tyrus's Grizzly server): it keeps every
 * connection and every text each one received, and sends or closes on the newest one when asked. Each instance serves
 * a path of its own, so that a client of an earlier test still trying its old address (the port may come round
 * again) finds nothing here.
 */
final class ScriptedServer implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** One connection: its session, what the client sent on it, in order, and how it closed (once it has). */
    record Connection(Session session, List<String> received, AtomicReference<CloseReason> closed) {
    }

    private final int port = InProcessServer.freePort();
    private final String root = "/scripted-" + INSTANCES.incrementAndGet();
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
            container.start(root, port);
        } catch (IOException | jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException("could not start a scripted server on port " + port, e);
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + root + "/socket");
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
            open(newest()).session().getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close(int code, String reason) {
        try {
            open(newest()).session().close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connection, if it is still open; else a failure that lists every connection and how it closed. */
    private Connection open(Connection connection) {
        if (connection.closed().get() == null && connection.session().isOpen()) {
            return connection;
        }
        StringBuilder all = new StringBuilder();
        for (Connection each : connections) {
            CloseReason reason = each.closed().get();
            all.append("\n  ").append(each.session().getId()).append(": ")
                    .append(reason == null ? (each.session().isOpen() ? "open" : "closed, no close seen")
                            : "closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase())
                    .append(", received ").append(each.received());
        }
        throw new AssertionError("the newest connection is closed; the connections, oldest first:" + all);
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
            Connection connection = new Connection(session, new CopyOnWriteArrayList<>(), new AtomicReference<>());
            session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) connection.received()::add);
            session.getUserProperties().put(Connection.class.getName(), connection);
            connections.add(connection);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            if (session.getUserProperties().get(Connection.class.getName()) instanceof Connection connection) {
                connection.closed().set(reason);
            }
        }
    }
}
