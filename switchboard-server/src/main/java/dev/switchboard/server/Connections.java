package dev.switchboard.server;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.config.HandshakeSettings;
import dev.switchboard.config.KeepAliveSettings;
import dev.switchboard.config.LimitSettings;
import dev.switchboard.config.RoomSettings;
import dev.switchboard.config.Settings;
import dev.switchboard.config.ShutdownSettings;
import dev.switchboard.events.Authenticated;
import dev.switchboard.events.Connected;
import dev.switchboard.events.Disconnected;
import dev.switchboard.events.Observers;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.EndNotice;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.TokenExpiring;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.RevocationKeeper;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import dev.switchboard.security.Refusals;
import dev.switchboard.security.Revocation;
import dev.switchboard.security.Revocations;
import dev.switchboard.verbs.DefaultRooms;
import dev.switchboard.verbs.InboundReader;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The open connections of this node: opened with a {@code welcome} and made known to the cluster,
 * closed by leaving every room. Also the directory that direct messages are delivered from.
 */
@ApplicationScoped
public class Connections implements LocalDirectory, RevocationKeeper {

    private static final Logger LOG = System.getLogger(Connections.class.getName());
    private static final long DRAIN_PAUSE_MILLIS = 50;

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();
    private final Users users = new Users();
    private final ConcurrentMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private RegistryInstance registry;
    private FrameCodec codec;
    private LimitSettings limits;
    private KeepAliveSettings keepAliveSettings;
    private HandshakeSettings handshake;
    private ShutdownSettings shutdown;
    private Refusals refusals;
    private ForwardedFor forwardedFor;
    private Meters meters;
    private NodeStatus status;
    private RoomSettings rooms;
    private Observers observers = Observers.NONE;
    private Revocations revocations;
    private Duration expiryWarning = Duration.ofSeconds(60);
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> tokens;
    private static final long TOKEN_CHECK_MILLIS = 1000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** For the container's proxy. */
    protected Connections() {
    }

    @Inject
    Connections(RoomRegistry registry, FrameCodec codec, LimitSettings limits, KeepAliveSettings keepAlive, HandshakeSettings handshake,
            ShutdownSettings shutdown, Refusals refusals, Meters meters, NodeStatus status) {
        this.registry = new RegistryInstance(registry);
        this.meters = meters;
        this.status = status;
        this.codec = codec;
        this.limits = limits;
        this.keepAliveSettings = keepAlive;
        this.handshake = handshake;
        this.shutdown = shutdown;
        this.refusals = refusals;
        try {
            this.forwardedFor = new ForwardedFor(handshake.trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting " + HandshakeSettings.TRUSTED_PROXIES.name() + ": " + e.getMessage(), e);
        }
    }

    /** The rooms a connection is put into when it opens, and who hears of connections opening and closing. */
    @Inject
    void defaults(RoomSettings rooms, Observers observers) {
        this.rooms = rooms;
        this.observers = observers;
    }

    /** The revocations this node keeps (the registry hands it each that arrives), and the tokens' warning. */
    @Inject
    void revocations(Revocations revocations, AuthSettings auth) {
        this.revocations = revocations;
        this.expiryWarning = auth.expiryWarning();
    }

    @Override
    public List<String> known() {
        return revocations == null ? List.of() : revocations.current().stream().map(revocation -> revocation.toJson().toString()).toList();
    }

    /**
     * A revocation arrived (from any node, this one's operators' API included, or in a snapshot): it is kept, and this
     * node's connections it covers get {@code end} with {@code reconnect: false} and are closed with 1008.
     */
    @Override
    public void revoked(String json) {
        Revocation revocation;
        try {
            revocation = Revocation.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Ignored a revocation that does not read: {0}", e.getMessage());
            return;
        }
        try {
            if (!revocations.add(revocation)) {
                return; // known already: what it covers was closed when it came first
            }
        } catch (IllegalStateException full) {
            LOG.log(Level.ERROR, "A revocation could not be kept ({0}); the connections it covers are closed all the same", full.getMessage());
        }
        String end = codec.encode(Event.of(EventNames.END, new EndNotice(false, 0, revocation.reason())));
        for (Connection connection : open.values()) {
            Identity identity = connection.identity();
            if (identity != null && revocation.covers(identity)) {
                LOG.log(Level.INFO, "Connection {0} closed: {1}", connection.id(), revocation.reason());
                connection.offer(end);
                connection.closeAfterQueued(CloseCodes.VIOLATED_POLICY.getCode(), revocation.reason());
                meters.sent(EventNames.END);
            }
        }
    }

    /** With every group of these settings, for tests. */
    Connections(RoomRegistry registry, FrameCodec codec, Settings settings, Refusals refusals, Meters meters, NodeStatus status) {
        this(registry, codec, settings.limits(), settings.keepAlive(), settings.handshake(), settings.shutdown(), refusals, meters, status);
    }

    /** The reader of a new connection's text frames (its size and rate checks come before the JSON), for its decoder. */
    InboundReader reader() {
        return new InboundReader(codec, limits, refusals::count);
    }

    /** Starts the keep-alive with the application: quiet connections are pinged, dead ones dropped. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        meters.gauge("switchboard.connections", "Open client connections on this node", open::size);
        if (scheduler == null) {
            return;
        }
        long period = Math.max(50, Math.min(keepAliveSettings.pingInterval().toMillis(), keepAliveSettings.pingTimeout().toMillis()) / 2);
        keepAlive = scheduler.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
        tokens = scheduler.scheduleAtFixedRate(this::checkTokens, TOKEN_CHECK_MILLIS, TOKEN_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Once a second, the tokens: a connection whose token expires within {@code switchboard.auth.expiryWarningSeconds}
     * is told ({@code tokenExpiring}), once per token; one whose token has expired gets {@code end}
     * ({@code token expired}, come back) and is closed with 1008.
     */
    void checkTokens() {
        Instant now = Instant.now();
        for (Connection connection : open.values()) {
            try {
                checkExpiry(connection, now);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "Token check of connection " + connection.id() + " failed", e);
            }
        }
    }

    /**
     * One round of the keep-alive: a connection quiet for {@code switchboard.pingIntervalMillis} is pinged;
     * one whose ping went unanswered for {@code switchboard.pingTimeoutMillis} is closed and leaves its
     * rooms at once (a dead peer may never complete the close).
     */
    void keepAlive() {
        long now = System.nanoTime();
        long interval = keepAliveSettings.pingInterval().toNanos();
        long timeout = keepAliveSettings.pingTimeout().toNanos();
        for (Connection connection : open.values()) {
            try {
                if (connection.keepAlive(now, interval, timeout)) {
                    LOG.log(Level.INFO, "Connection {0} did not answer a ping within {1} ms; dropping it",
                            connection.id(), keepAliveSettings.pingTimeout().toMillis());
                    refusals.count(Refusals.Kind.PING_TIMEOUT);
                    connection.evict(new CloseReason(CloseCodes.GOING_AWAY, "ping timeout"));
                    closed(connection);
                }
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // a task that throws is never run again by its executor: the next connections are still kept alive
                LOG.log(Level.WARNING, "Keep-alive of connection " + connection.id() + " failed", e);
            }
        }
    }

    /** Tells a connection its token expires soon (once per token), or closes it when it has. */
    void checkExpiry(Connection connection, Instant now) {
        Identity identity = connection.identity();
        Instant expires = identity == null ? null : identity.expiresAt();
        if (expires == null) {
            return;
        }
        if (!now.isBefore(expires)) {
            LOG.log(Level.DEBUG, "Connection {0}: its token expired", connection.id());
            connection.offer(codec.encode(Event.of(EventNames.END, new EndNotice(true, 0, TOKEN_EXPIRED))));
            connection.closeAfterQueued(CloseCodes.VIOLATED_POLICY.getCode(), TOKEN_EXPIRED);
            meters.sent(EventNames.END);
        } else if (now.isAfter(expires.minus(expiryWarning)) && connection.warnOnce(expires)) {
            connection.offer(codec.encode(Event.of(EventNames.TOKEN_EXPIRING,
                    new TokenExpiring(expires.toEpochMilli(), expires.toEpochMilli() - now.toEpochMilli()))));
            connection.flush();
            meters.sent(EventNames.TOKEN_EXPIRING);
        }
    }

    /** The reason of the {@code end} and the close of a connection whose token expired. */
    public static final String TOKEN_EXPIRED = "token expired";

    /**
     * The application stops (undeployment, server shutdown): every client gets {@code end} — come back
     * after {@code retryAfterMs} (a random share added, so that they do not all come at once), or not at
     * all with {@code switchboard.destroyClientsOnShutdown} — and connections close with 1001 in batches.
     * Called by {@link ShutdownNotice} while the sessions are still open, and again (doing nothing more)
     * when CDI's application context ends.
     */
    void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (tokens != null) {
            tokens.cancel(false);
        }
        List<Connection> all = List.copyOf(open.values());
        LOG.log(Level.INFO, "Shutting down: telling {0} connections to {1}", all.size(),
                shutdown.destroyClients() ? "not come back" : "come back later");
        end(all, !shutdown.destroyClients(), "server shutting down");
    }

    /**
     * An operator drains this node: new connections are refused, and every open one gets {@code end}
     * with {@code reconnect: true} — a client comes back through the load balancer, to another node —
     * and is closed with 1001, in batches, on the container's executor (the request that asked returns at once).
     */
    void drain(@Observes NodeStatus.Draining draining) {
        registry.get().draining(); // the other nodes hear it with the next heartbeat (the operators' view of the nodes)
        List<Connection> all = List.copyOf(open.values());
        LOG.log(Level.INFO, "Draining: telling {0} connections to reconnect elsewhere", all.size());
        Runnable tellAll = () -> end(all, true, "node draining");
        if (scheduler == null) {
            tellAll.run();
        } else {
            scheduler.execute(tellAll);
        }
    }

    /**
     * Tells each connection {@code end} — come back after {@code retryAfterMs} (a random share added, so
     * that they do not all come at once) or not at all — and closes it with 1001, in batches.
     */
    private void end(List<Connection> all, boolean reconnect, String reason) {
        long base = shutdown.retryAfter().toMillis();
        int batch = shutdown.batchSize();
        for (int i = 0; i < all.size(); i++) {
            Connection connection = all.get(i);
            long retryAfter = reconnect ? base + ThreadLocalRandom.current().nextLong(base + 1) : 0;
            connection.send(codec.encode(Event.of(EventNames.END, new EndNotice(reconnect, retryAfter, reason))));
            meters.sent(EventNames.END);
            connection.closeAfterQueued(CloseCodes.GOING_AWAY.getCode(), reason);
            if ((i + 1) % batch == 0 && i + 1 < all.size()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_PAUSE_MILLIS)); // a drain, not a wait for a result
            }
        }
    }

    /**
     * Registers a new session and sends its {@code welcome}, the first frame it gets. A session whose
     * upgrade request was logged in by the container (the {@code /secure/socket} endpoint) starts
     * authenticated as that user.
     */
    Connection open(Session session) {
        // taken out of the session: read once here, it would otherwise stay for the connection's life
        Handshake handshake = session.getUserProperties().remove(Handshake.PROPERTY) instanceof Handshake captured
                ? captured : Handshake.NONE;
        if (handshake.refusedOrigin() != null) {
            refusals.count(Refusals.Kind.ORIGIN);
            LOG.log(Level.DEBUG, "Refused a connection from origin {0}", handshake.refusedOrigin());
            refuse(session, CloseCodes.VIOLATED_POLICY, "origin not allowed");
            return null;
        }
        if (shuttingDown.get()) {
            refuse(session, CloseCodes.TRY_AGAIN_LATER, "server shutting down");
            return null;
        }
        if (status.draining()) {
            refuse(session, CloseCodes.TRY_AGAIN_LATER, "node draining");
            return null;
        }
        String id = UUID.randomUUID().toString();
        String address = forwardedFor.remoteAddress(RemoteAddresses.of(session), handshake.forwardedFor());
        AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > limits.connectionsPerAddress()) {
            release(address);
            refusals.count(Refusals.Kind.ADDRESS_CAP);
            LOG.log(Level.DEBUG, "Refused a connection from {0}: {1} connections already", address,
                    limits.connectionsPerAddress());
            refuse(session, CloseCodes.TRY_AGAIN_LATER, "too many connections from your address");
            return null;
        }
        Principal principal = session.getUserPrincipal();
        Connection connection = new Connection(id, session, address,
                Fingerprints.of(handshake, this.handshake.fingerprintCookie(), this.handshake.fingerprintParameter(), id),
                handshake.presenceDiffs(), principal, handshake.roles(), System.currentTimeMillis(), limits, refusals::count, meters);
        connection.indexIn(users);
        if (principal != null) {
            connection.authenticate(new Identity(principal.getName(), handshake.roles()).provenAt(java.time.Instant.now()));
        }
        open.put(connection.id(), connection);
        connection.send(codec.encode(Event.of(EventNames.WELCOME, connection.details())));
        meters.sent(EventNames.WELCOME);
        registry.get().connected(connection);
        LOG.log(Level.DEBUG, "Connection {0} opened from {1}", connection.id(), connection.details().remoteAddress());
        if (observers.observes(Connected.class)) {
            observers.report(new Connected(connection.id(), address, connection.user(), System.currentTimeMillis()));
        }
        for (String room : rooms == null ? List.<String>of() : rooms.onConnect()) {
            DefaultRooms.join(registry.get(), connection, room);
        }
        if (principal != null) { // the container logged it in: authenticated from the start, with its default rooms
            if (observers.observes(Authenticated.class)) {
                observers.report(new Authenticated(connection.id(), connection.user(), connection.roles(), System.currentTimeMillis()));
            }
            for (String room : rooms == null ? List.<String>of() : rooms.onAuthFor(connection.user())) {
                DefaultRooms.join(registry.get(), connection, room);
            }
        }
        return connection;
    }

    /** The session is closed: the connection leaves its rooms, whose members get {@code leave} events. */
    void closed(Connection connection) {
        connection.closed();
        if (open.remove(connection.id()) != null) {
            users.closed(connection);
            release(connection.remoteAddress());
            registry.get().disconnected(connection);
            LOG.log(Level.DEBUG, "Connection {0} closed", connection.id());
            if (observers.observes(Disconnected.class)) {
                observers.report(new Disconnected(connection.id(), connection.user(), System.currentTimeMillis()));
            }
        }
    }

    @Override
    public List<Connection> find(String idOrUser) {
        Connection byId = open.get(idOrUser);
        if (byId != null) {
            return List.of(byId);
        }
        return users.of(idOrUser);
    }

    @Override
    public Collection<Connection> all() {
        return open.values();
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static void refuse(Session session, CloseCodes code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "A refused session was gone already: {0}", e.toString());
        }
    }

    /** How many connections are open on this node. */
    public int count() {
        return open.size();
    }
}
