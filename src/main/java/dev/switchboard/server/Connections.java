package dev.switchboard.server;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open connections of this node: opened with a {@code welcome} and made known to the cluster,
 * closed by leaving every room. Also the directory that direct messages are delivered from.
 */
@ApplicationScoped
public class Connections implements LocalDirectory {

    private static final Logger LOG = System.getLogger(Connections.class.getName());

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();
    private RoomRegistry registry;
    private FrameCodec codec;
    private Settings settings;

    /** For the container's proxy. */
    protected Connections() {
    }

    @Inject
    Connections(RoomRegistry registry, FrameCodec codec, Settings settings) {
        this.registry = registry;
        this.codec = codec;
        this.settings = settings;
    }

    /** Registers a new session and sends its {@code welcome}, the first frame it gets. */
    Connection open(Session session) {
        Connection connection = new Connection(UUID.randomUUID().toString(), session, RemoteAddresses.of(session),
                System.currentTimeMillis(), settings.outboundQueueFrames());
        open.put(connection.id(), connection);
        connection.send(codec.encode(Event.of(EventNames.WELCOME, connection.details())));
        registry.connected(connection);
        LOG.log(Level.DEBUG, "Connection {0} opened from {1}", connection.id(), connection.details().remoteAddress());
        return connection;
    }

    /** The session is closed: the connection leaves its rooms, whose members get {@code leave} events. */
    void closed(Connection connection) {
        connection.closed();
        if (open.remove(connection.id()) != null) {
            registry.disconnected(connection);
            LOG.log(Level.DEBUG, "Connection {0} closed", connection.id());
        }
    }

    @Override
    public List<Connection> find(String idOrUser) {
        Connection byId = open.get(idOrUser);
        if (byId != null) {
            return List.of(byId);
        }
        return open.values().stream().filter(c -> idOrUser.equals(c.user())).toList();
    }

    @Override
    public Collection<Connection> all() {
        return open.values();
    }

    /** How many connections are open on this node. */
    public int count() {
        return open.size();
    }
}
