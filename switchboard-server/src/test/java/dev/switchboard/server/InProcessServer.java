package dev.switchboard.server;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.events.Observers;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.RoomView;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.Member;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import dev.switchboard.security.Refusals;
import dev.switchboard.verbs.CallException;
import dev.switchboard.verbs.Dispatcher;
import dev.switchboard.verbs.InboundReader;
import dev.switchboard.verbs.TellHandler;
import dev.switchboard.verbs.TestHandlers;
import dev.switchboard.verbs.VerbHandler;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * The real Switchboard dispatcher, registry and connections, without a Jakarta EE server: served by
 * Tyrus's Grizzly server at {@code ws://127.0.0.1:PORT/switchboard/socket}, so that client tests can
 * kill and restart servers in milliseconds. A restart is a new node: no rooms, no connections.
 *
 * <p>For the tests it adds {@code auth} ({@code {user, key}}, refused when {@link #refuseAuth} is set;
 * the server's own auth comes with a later issue) and {@code drop} (closes the connection without
 * replying), and it can go {@link #mute} (read frames, answer nothing: a dead peer).
 */
public final class InProcessServer implements AutoCloseable {

    private final int port;
    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry;
    private final Connections connections;
    private final Dispatcher dispatcher;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger drops = new AtomicInteger();
    private final ServerContainer container;
    private final ScheduledExecutorService presenceDiffs;
    private volatile boolean mute;
    private volatile boolean refuseAuth;

    private InProcessServer(int port, Map<String, String> given) {
        this.port = port;
        // the client's tests are about the client: nothing needs auth here (the server's own rules are tested
        // in DispatcherTest and AuthIT), but auth still makes the connection that user
        Map<String, String> all = new HashMap<>(Map.of("switchboard.auth.required", "none"));
        all.putAll(given);
        Settings settings = Settings.of(all);
        LocalDirectory directory = new LocalDirectory() {
            @Override
            public List<? extends Member> find(String idOrUser) {
                return connections.find(idOrUser);
            }

            @Override
            public java.util.Collection<? extends Member> all() {
                return connections.all();
            }
        };
        this.registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("test"), Clock.systemUTC(), directory, settings);
        this.connections = new Connections(registry, codec, settings, new Refusals(), new Meters(), new NodeStatus());
        Map<String, VerbHandler> handlers = new HashMap<>(TestHandlers.all(registry, codec, TestHandlers.permissions(settings)));
        handlers.put("auth", (caller, params) -> {
            if (refuseAuth || !"secret".equals(params.string("key"))) {
                throw new CallException(ErrorCode.UNAUTHORIZED, "wrong user or key");
            }
            caller.authenticate(new Identity(params.string("user"), Set.of()));
            return Json.createObjectBuilder().add("user", params.string("user")).build();
        });
        handlers.put("tell", new TellHandler(registry, codec, new NodeIdentity("test"), Observers.NONE));
        handlers.put("drop", (caller, params) -> {
            drops.incrementAndGet();
            ((Connection) caller).close(new CloseReason(CloseCodes.GOING_AWAY, "dropped on purpose"));
            return JsonValue.NULL;
        });
        this.dispatcher = new Dispatcher(handlers, codec, settings.auth());
        this.presenceDiffs = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "in-process-presence-diffs");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.rooms().presenceDiffMillis(); // what the container's scheduler does in a deployment
        presenceDiffs.scheduleAtFixedRate(registry::flushPresence, period, period, TimeUnit.MILLISECONDS);
        this.container = new GrizzlyServerContainer().createContainer(new HashMap<>());
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(SocketEndpointAdapter.class, "/socket")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> type) {
                            return type.cast(new SocketEndpointAdapter(InProcessServer.this));
                        }

                        @Override
                        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
                            // the query, as Handshake.Capture keeps it in a container: a client may ask for presence diffs
                            config.getUserProperties().put(Handshake.PROPERTY,
                                    new Handshake(List.of(), Map.copyOf(request.getParameterMap()), List.of(), Set.of()));
                        }
                    }).build());
            container.start("/switchboard", port);
        } catch (IOException | jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException("could not start an in-process server on port " + port, e);
        }
    }

    /** Starts a server on a free port. */
    public static InProcessServer start() {
        return start(freePort());
    }

    /** Starts a server on this port: a restart of a server stopped before. */
    public static InProcessServer start(int port) {
        return new InProcessServer(port, Map.of());
    }

    /** Starts a server on a free port with these settings (the rate limits, say) over the defaults. */
    public static InProcessServer start(Map<String, String> settings) {
        return new InProcessServer(freePort(), settings);
    }

    /** The ports {@link #freePort} gave. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, and that this JVM has not handed out before: a client of an earlier test that still
     * tries its old address must not reach the next test's server (the kernel may hand a port out again at once).
     */
    public static int freePort() {
        for (int tries = 0; ; tries++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port) || tries >= 100) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }


    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/switchboard/socket");
    }

    /** Kills the server: every connection drops, nothing is said. */
    @Override
    public void close() {
        presenceDiffs.shutdownNow();
        container.stop();
        codec.close();
    }

    public int connectionCount() {
        return open.size();
    }

    public int drops() {
        return drops.get();
    }

    public Optional<RoomView> roomView(String room) {
        return registry.view(new RoomName(room));
    }

    /** Sends a frame to every open connection, as the server would an operator broadcast or an {@code end}. */
    public void sendToAll(String frame) {
        open.forEach(connection -> connection.send(frame));
    }

    /** While muted the server reads frames and answers nothing, like a peer that died without closing. */
    public void mute(boolean mute) {
        this.mute = mute;
    }

    public void refuseAuth(boolean refuse) {
        this.refuseAuth = refuse;
    }

    /** The per-session endpoint: what {@code SocketEndpoint} does in a container. */
    public static final class SocketEndpointAdapter extends Endpoint {
        private final InProcessServer server;
        private Connection connection;

        public SocketEndpointAdapter(InProcessServer server) {
            this.server = server;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            connection = server.connections.open(session);
            server.open.add(connection);
            InboundReader reader = server.connections.reader(); // what CallDecoder holds in a container
            session.addMessageHandler(String.class, text -> {
                if (!server.mute) {
                    server.dispatcher.dispatch(connection, reader.read(text));
                }
            });
        }

        /** What the container would log: a handler that threw past the dispatcher (an Error) is not silent here either. */
        @Override
        public void onError(Session session, Throwable failure) {
            System.getLogger(InProcessServer.class.getName()).log(System.Logger.Level.ERROR, "Error on connection " + connection.id(), failure);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            server.open.remove(connection);
            server.connections.closed(connection);
        }
    }
}
