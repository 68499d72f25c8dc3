package dev.switchboard.server;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.switchboard.security.Identity;
import jakarta.websocket.Session;
import java.security.Principal;
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
    private ForwardedFor forwardedFor;

    /** For the container's proxy. */
    protected Connections() {
    }

    @Inject
    Connections(RoomRegistry registry, FrameCodec codec, Settings settings) {
        this.registry = registry;
        this.codec = codec;
        this.settings = settings;
        try {
            this.forwardedFor = new ForwardedFor(settings.trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting " + Settings.TRUSTED_PROXIES.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers a new session and sends its {@code welcome}, the first frame it gets. A session whose
     * upgrade request was logged in by the container (the {@code /secure/socket} endpoint) starts
     * authenticated as that user.
     */
    Connection open(Session session) {
        Handshake handshake = session.getUserProperties().get(Handshake.PROPERTY) instanceof Handshake captured
                ? captured : Handshake.NONE;
        String id = UUID.randomUUID().toString();
        Principal principal = session.getUserPrincipal();
        Connection connection = new Connection(id, session,
                forwardedFor.remoteAddress(RemoteAddresses.of(session), handshake.forwardedFor()),
                Fingerprints.of(handshake, settings.fingerprintCookie(), settings.fingerprintParameter(), id),
                principal, handshake.roles(), System.currentTimeMillis(), settings.outboundQueueFrames());
        if (principal != null) {
            connection.authenticate(new Identity(principal.getName(), handshake.roles()));
        }
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
