package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.Envelope.Kind;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.ApiSettings;
import dev.switchboard.config.ClusterSettings;
import dev.switchboard.config.HistorySettings;
import dev.switchboard.config.RoomSettings;
import dev.switchboard.config.Settings;
import dev.switchboard.events.Joined;
import dev.switchboard.events.Left;
import dev.switchboard.events.Observers;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Position;
import dev.switchboard.protocol.RoomMember;
import dev.switchboard.protocol.RoomView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which connections are in which rooms — on this node, and as a replica of every other node — and what
 * the bus delivers: the façade over four parts with one job each.
 *
 * <ul>
 *   <li>{@link LocalRooms}: this node's rooms, their members and the local fan-out, each room under its
 *       own lock (policies decide a join under it);
 *   <li>{@link RoomMessages} with {@link Histories}: sequencing and history — a room message gets its
 *       position, goes into the room's history and out to the members in one order; replay on a join;
 *   <li>{@link ClusterPresence} with {@link RemoteNodes}: presence across nodes (joins, leaves,
 *       connections, hello, snapshots, heartbeats, goodbyes), and dropping a silent node;
 *   <li>{@link Directives}: {@code tell}, an operator's alert, and what the application does to connections
 *       wherever they are: subscribe, unsubscribe, disconnect.
 * </ul>
 *
 * <p>Every frame for a room — {@code say}, {@code join}, {@code leave} — goes through the {@link ClusterBus}
 * and comes back to {@link #deliver} on every node; an envelope goes to the part that handles its kind
 * through a table ({@link Route}), filled by the parts at start-up and checked to cover every kind.
 *
 * <p>Bean-managed concurrency and no transactions: the hot path takes only the room's own lock. The
 * heartbeat is the container's timer ({@code switchboard.heartbeatMillis}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RoomRegistry {

    private static final Logger LOG = System.getLogger(RoomRegistry.class.getName());

    /** What a node does with an envelope of one kind; {@code own} when this node published it. */
    @FunctionalInterface
    interface Route {
        void deliver(Envelope envelope, boolean own, long now);
    }

    /** The most idempotency keys of tells a node remembers, whatever their age: the oldest go first. */
    static final int MAX_TELL_KEYS = 200_000;

    private final RemoteNodes remote = new RemoteNodes();
    private final Map<Kind, Route> routes = new EnumMap<>(Kind.class);
    private ClusterBus bus;
    private FrameCodec codec;
    private NodeIdentity node;
    private LocalDirectory directory;
    private Clock clock;
    private RoomPolicies policies;
    private volatile RoomPermissions permissions = RoomPermissions.open();
    private volatile RevocationKeeper keeper;
    private Instance<RevocationKeeper> keepers;
    /** What arrived while nobody kept revocations (a registry outside a container, before its test set a keeper). */
    private final List<String> unkept = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Histories histories;
    /** The keys of the room messages delivered here, across a crash; {@code null} when the node keeps none. */
    private KeyJournal journal;
    private Meters meters;
    private Observers observers = Observers.NONE;
    private long heartbeatMillis;
    private long nodeTimeoutMillis;
    private long tellKeyMillis;
    private volatile long positionTimeoutMillis = 10_000;
    private LocalRooms rooms;
    private RoomMessages messages;
    private ClusterPresence presence;
    private Directives directives;
    /** Who drains this node when an operator asks through another node; nobody outside a container. */
    private Consumer<DrainAsked> drainAsked = asked -> LOG.log(Level.INFO, "Asked to drain by node {0}: nobody to drain", asked.by());

    @Resource
    TimerService timers;

    /** Sends the rooms' presence diffs every {@link #presenceDiffMillis}; none outside a container (a test flushes them). */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private long presenceDiffMillis = Long.parseLong(RoomSettings.ROOMS_PRESENCE_DIFF_MILLIS.defaultValue());
    private ScheduledFuture<?> presenceDiffs;
    private Timer heartbeat;
    /** The container is stopping the bean: its goodbye is said or being said, its history saved. */
    private volatile boolean stopped;

    /** For the container. */
    public RoomRegistry() {
    }

    /** A registry outside a container, for tests: alone, without connections of its own. */
    public RoomRegistry(ClusterBus bus, FrameCodec codec, NodeIdentity node, Clock clock) {
        this(bus, codec, node, clock, NO_CONNECTIONS, Settings.of(Map.of()));
    }

    /** A registry outside a container, for tests; call {@link #tick()} where the container would time it. */
    public RoomRegistry(ClusterBus bus, FrameCodec codec, NodeIdentity node, Clock clock, LocalDirectory directory,
            Settings settings) {
        init(bus, codec, node, directory, settings.cluster(), settings.history());
        this.clock = clock;
        this.meters = new Meters();
        start();
    }

    /** The rooms' rules, which say who sees presence; everyone outside a container, unless a test sets others. */
    @Inject
    public void permissions(RoomPermissions permissions) {
        this.permissions = permissions;
    }

    /** How often the rooms' presence diffs go out. */
    @Inject
    void rooms(RoomSettings rooms) {
        this.presenceDiffMillis = rooms.presenceDiffMillis();
    }

    /** The room policies whose {@code deliver} hook sees each receiver; none outside a container. */
    @Inject
    void policies(RoomPolicies policies) {
        this.policies = policies;
    }

    /** How long a published message may wait for its place in its room's order before its wait fails. */
    @Inject
    public void api(ApiSettings api) {
        this.positionTimeoutMillis = api.positionTimeout().toMillis();
    }

    @Inject
    void meters(Meters meters) {
        this.meters = meters;
    }

    /** Who hears of joins, leaves and messages said (the application's observers); none outside a container. */
    @Inject
    public void observers(Observers observers) {
        this.observers = observers;
    }

    /** The node's drain hears of a request taken by another node ({@link DrainAsked}, fired asynchronously). */
    @Inject
    void drains(Event<DrainAsked> asked) {
        drains(asked::fireAsync);
    }

    /** Who hears that an operator asked, through another node, that this one drain; a test may set it. */
    void drains(Consumer<DrainAsked> asked) {
        this.drainAsked = asked;
    }

    @Inject
    void init(ClusterBus bus, FrameCodec codec, NodeIdentity node, LocalDirectory directory, ClusterSettings cluster,
            HistorySettings history) {
        this.bus = bus;
        this.codec = codec;
        this.node = node;
        this.directory = directory;
        this.clock = Clock.systemUTC();
        this.heartbeatMillis = cluster.heartbeat().toMillis();
        this.nodeTimeoutMillis = cluster.nodeTimeout().toMillis();
        this.tellKeyMillis = history.tellKeys().toMillis();
        List<Histories.Bound> rules;
        try {
            rules = Histories.parseRules(history.rules());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting " + HistorySettings.HISTORY_RULES.name() + ": " + e.getMessage(), e);
        }
        this.histories = new Histories(node.nodeId(), rules, new Histories.Bound(null, history.messages(), (int) history.maxAge().toSeconds()),
                history.maxChars(), history.stateFile().orElse(null));
        this.journal = history.keysFile().map(file -> {
            try {
                return KeyJournal.open(file, history.keySlots());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "No key journal (a repeat after a crash of this node may be published again): {0}", e.toString());
                return null;
            }
        }).orElse(null);
    }

    @PostConstruct
    void start() {
        rooms = new LocalRooms(histories, remote::count, meters, "local".equals(bus.link().mode()),
                room -> permissions.ruleFor(new RoomName(room)).presence());
        messages = new RoomMessages(histories, journal, rooms, codec, policies, new Observers() { // whoever is set now, or later in a test
            @Override
            public boolean observes(Class<?> type) {
                return observers.observes(type);
            }

            @Override
            public void report(Object event) {
                observers.report(event);
            }
        });
        presence = new ClusterPresence(bus, node.nodeId(), codec, directory, rooms, remote, clock, nodeTimeoutMillis,
                () -> keeper() == null ? List.of() : keeper().known(), revocation -> {
                    RevocationKeeper current = keeper();
                    if (current != null) {
                        current.revoked(revocation);
                    } else if (unkept.size() < 10_000) {
                        unkept.add(revocation);
                    }
                });
        directives = new Directives(bus, node.nodeId(), codec, directory, rooms, meters, clock, new Directives.Memberships() {
            @Override
            public void join(Member member, String room) {
                RoomRegistry.this.join(member, new RoomName(room));
            }

            @Override
            public void leave(Member member, String room) {
                RoomRegistry.this.leave(member, room);
            }
        }, new SentKeys(tellKeyMillis, MAX_TELL_KEYS));
        routes.put(Kind.ROOM, messages::deliver);
        routes.put(Kind.LINK_BROKE, (envelope, own, now) -> {
            // the bus's own business (a gap it says through onGap): it never hands one on
        });
        routes.put(Kind.FORWARDS_WANTED, (envelope, own, now) -> {
            // the bus's own business (it sends the forwards again): it never hands one on
        });
        routes.put(Kind.DRAIN, (envelope, own, now) -> {
            if (envelope.target().equals(node.nodeId())) {
                drainAsked.accept(new DrainAsked(envelope.origin()));
            }
        });
        presence.routes(routes);
        directives.routes(routes);
        if (routes.size() != Kind.values().length) {
            throw new IllegalStateException("No route for envelope kinds " + EnumSet.complementOf(EnumSet.copyOf(routes.keySet())));
        }
        meters.gauge("switchboard.rooms", "Rooms with members on this node", rooms::size);
        meters.gauge("switchboard.room.members", "Room memberships of this node's connections", rooms::memberCount);
        bus.deliverTo(this::deliver);
        bus.onGap(histories::forgetAll);
        if (timers != null) {
            heartbeat = timers.createIntervalTimer(heartbeatMillis, heartbeatMillis, new TimerConfig(null, false));
        }
        if (scheduler != null) {
            presenceDiffs = scheduler.scheduleAtFixedRate(this::flushPresence, presenceDiffMillis, presenceDiffMillis, TimeUnit.MILLISECONDS);
        }
        presence.hello();
    }

    @PreDestroy
    void stop() {
        stopped = true; // Switchboard's own callers go through the container again, which refuses them now
        if (presenceDiffs != null) {
            presenceDiffs.cancel(false);
        }
        if (heartbeat != null) {
            try {
                heartbeat.cancel();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Heartbeat timer already gone: {0}", e.toString());
            }
        }
        try {
            presence.bye();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not say goodbye to the cluster: {0}", e.toString());
        }
        histories.save();
        if (journal != null) {
            journal.discard(); // a clean stop: only a crash leaves the keys for the next start
        }
    }

    @Timeout
    void onHeartbeat(Timer timer) {
        tick();
    }

    /** Publishes this node's heartbeat, drops the nodes that went silent, and sweeps histories past their bounds. */
    public void tick() {
        long now = clock.millis();
        presence.tick(now);
        histories.sweep(now, rooms::has);
        directives.expireKeys(now);
        int expired = messages.expire(now - positionTimeoutMillis, positionTimeoutMillis);
        if (expired > 0) {
            LOG.log(Level.WARNING, "{0} messages published here got no place in their rooms'' order within {1} ms", expired,
                    positionTimeoutMillis);
        }
    }

    /**
     * Sends the presence diffs the rooms owe (a {@code presenceDiff} frame per room to its members who asked for diffs); the
     * container's scheduler calls it every {@code switchboard.rooms.presenceDiffMillis}, a test where it would.
     */
    public void flushPresence() {
        try {
            rooms.flushPresence();
        } catch (RuntimeException e) { // the next period tries again: a fixed-rate task that throws is never run again
            LOG.log(Level.ERROR, "Could not send the rooms' presence diffs", e);
        }
    }

    // ---------------------------------------------------------------- rooms

    /**
     * Adds a member to a room, making the room if needed, and tells the room's members on every node
     * (the new one included) with a {@code join} event. Joining a room twice changes nothing.
     */
    public JoinOutcome join(Member member, RoomName name) {
        return join(member, name, null, null);
    }

    /**
     * {@link #join(Member, RoomName)}, and with {@code since} the room's messages after that position
     * are offered to the member first — in order, before any live one, none twice: under the lock that
     * orders the room's messages on this node.
     *
     * <p>With {@code rules}, the policies' {@code join} hook decides under the room's lock too, so that
     * what it counts (the members-per-room cap) is what the join changes: concurrent joins cannot overshoot
     * it on this node. (Members on other nodes count as this node last heard of them.) A connection that is
     * closing joins nothing; one whose close raced the join leaves again at once, so that after any close
     * it is in no room.
     *
     * @throws PolicyRefusal when a policy vetoes the join
     */
    public JoinOutcome join(Member member, RoomName name, Position since, RoomPolicies rules) {
        String key = name.value();
        long joinedAt = clock.millis();
        JoinOutcome outcome = rooms.join(member, name, since, rules, joinedAt);
        if (outcome.joined()) {
            if (observers.observes(Joined.class)) {
                observers.report(new Joined(member.id(), member.user(), key, joinedAt));
            }
            try {
                presence.joined(member, key, joinedAt);
            } finally {
                if (member.closing() && !leave(member, key)) {
                    // its close left the room already, perhaps before this join was told: the last word is a leave
                    presence.left(member, key, clock.millis());
                }
            }
        }
        return outcome;
    }

    /** The room's last {@code limit} messages on this node, oldest first, as the frames members got. */
    public List<String> history(RoomName name, int limit) {
        while (true) {
            History history = histories.of(name.value());
            synchronized (history) {
                if (!history.retired()) {
                    return history.recent(limit);
                }
            }
        }
    }

    /**
     * Removes a member from a room and tells the remaining members with a {@code leave} event.
     *
     * @return false when it was not a member
     */
    public boolean leave(Member member, RoomName name) {
        return leave(member, name.value());
    }

    private boolean leave(Member member, String key) {
        boolean removed = rooms.leave(member, key);
        if (removed) {
            long now = clock.millis();
            if (observers.observes(Left.class)) {
                observers.report(new Left(member.id(), member.user(), key, now));
            }
            presence.left(member, key, now);
        }
        return removed;
    }

    /** Removes a member from every room it is in: when its connection closes. Never stops half-way. */
    public void leaveAll(Member member) {
        for (String room : List.copyOf(member.rooms())) {
            try {
                leave(member, room);
            } catch (ClusterUnavailableException e) {
                LOG.log(Level.WARNING, "Connection {0} left room {1} here, but the cluster could not be told: {2}",
                        member.id(), room, e.getMessage());
            }
        }
    }

    /**
     * This registry itself, not the container's proxy of it: for Switchboard's own calls on the hot path
     * ({@link RegistryInstance}). Nothing of the container's is lost by calling it directly: its concurrency is the
     * bean's own and it has no transactions.
     */
    public RoomRegistry instance() {
        return this;
    }

    /** Whether the container has begun to stop this registry ({@link RegistryInstance} then calls the proxy again). */
    public boolean stopped() {
        return stopped;
    }

    /** The members of a room on every node, in the order they joined; empty when it has none. */
    public Optional<RoomView> view(RoomName name) {
        List<RoomMember> members = new ArrayList<>(remote.members(name.value()));
        members.addAll(rooms.view(name.value()));
        if (members.isEmpty()) {
            return Optional.empty();
        }
        members.sort(Comparator.comparingLong(RoomMember::joinedAt).thenComparing(RoomMember::id));
        return Optional.of(new RoomView(name.value(), members.size(), members));
    }

    /** How many members a room has, on every node. */
    public int membersCount(RoomName name) {
        return rooms.count(name.value()) + remote.count(name.value());
    }

    /** How many rooms have members on this node. */
    public int roomCount() {
        return rooms.size();
    }

    /**
     * The nodes of the cluster as operators see them ({@code GET /api/admin/nodes}): this one first, then every node it
     * hears from, with what their heartbeats say (every {@code switchboard.heartbeatMillis}).
     */
    public List<NodeState.Summary> nodes() {
        NodeState.Counts self = presence.counts();
        List<NodeState.Summary> nodes = new ArrayList<>();
        nodes.add(new NodeState.Summary(node.nodeId(), true, self.host(), self.connections(), rooms.size(), self.members(), 0,
                self.draining()));
        nodes.addAll(remote.summaries(clock.millis()));
        return nodes;
    }

    /** Asks the node with this id to drain, wherever it is (an operator's request taken by this node). */
    public void askToDrain(String nodeId) {
        bus.publish(Envelope.control(node.nodeId(), Kind.DRAIN, nodeId, ""));
    }

    /** This node drains (an operator asked): its heartbeats tell the other nodes. */
    public void draining() {
        presence.draining();
    }

    /** Sends an encoded frame to every member of a room, on every node. Encode once, then call this. */
    public void publish(RoomName room, String frame) {
        bus.publish(Envelope.room(node.nodeId(), room.value(), frame, null));
    }

    /**
     * {@link #publish(RoomName, String)} a message event (its data carries {@code messageId}), and learn where it
     * stands: the stage completes when the message has its position in the room's order on this node. With a
     * {@code key} that names a message already (the publisher asks again), nothing is sent again and the stage
     * completes with that message's id and position: at once when this node has it, else when it arrives here — in
     * the room's history, or on its way from this node's earlier publish. It may complete on the thread that delivers
     * the room's messages: hand it on before doing anything slow.
     *
     * @param key the publisher's idempotency key (scoped by the caller: per user, per application), or {@code null}
     * @throws ClusterUnavailableException when the bus cannot take it: nothing was sent
     */
    public CompletableFuture<Published> publish(RoomName room, String frame, String messageId, String key) {
        long now = clock.millis();
        if (key != null) {
            CompletableFuture<Published> repeat = messages.repeatOf(room.value(), key, messageId, now);
            if (repeat != null) {
                return repeat; // a repeat of a message this node has, or has on its way: publish nothing
            }
        }
        CompletableFuture<Published> position = messages.await(messageId, now);
        try {
            bus.publish(Envelope.room(node.nodeId(), room.value(), frame, key));
        } catch (RuntimeException e) {
            messages.forget(messageId);
            if (key != null) {
                messages.notSent(room.value(), key);
            }
            throw e;
        }
        return position;
    }

    /** No one waits any more for the position of this node's message with this id. */
    public void forget(String messageId) {
        messages.forget(messageId);
    }

    /** Every room with members on any node, by name, and how many members each has. */
    public SortedMap<String, Integer> roomCounts() {
        SortedMap<String, Integer> counts = new TreeMap<>(remote.roomCounts());
        rooms.counts().forEach((room, size) -> counts.merge(room, size, Integer::sum));
        return counts;
    }

    /** Sends an operator's {@code alert} to every member of a room on every node, or with {@code null} to every connection. */
    public void alert(RoomName room, JsonValue message) {
        directives.alert(room, message);
    }

    /**
     * Closes the connection with this id, or every connection of this user, on whichever node: it gets
     * {@code end} with {@code reconnect: false}, then the close (1008).
     */
    public void disconnect(String idOrUser) {
        directives.disconnect(idOrUser, DISCONNECTED, false);
    }

    /**
     * Closes the connection with this id, or every connection of this user, on whichever node: it gets {@code end}
     * with this reason and whether to come back, then the close (1001 when it may, 1008 when not).
     */
    public void disconnect(String idOrUser, String reason, boolean reconnect) {
        directives.disconnect(idOrUser, reason, reconnect);
    }

    /**
     * A revocation (its JSON text, which the registry only carries) for every node, this one included: each hands it to
     * its {@link RevocationKeeper keeper}.
     *
     * @throws dev.switchboard.cluster.ClusterUnavailableException when the cluster cannot take it now
     */
    public void revoke(String revocation) {
        presence.revoke(revocation);
    }

    /** Who keeps the revocations here, in a container: looked up when the first one arrives (the connections). */
    @Inject
    void keepers(Instance<RevocationKeeper> keepers) {
        this.keepers = keepers;
    }

    /** This keeper of the revocations, for tests (in a container the one bean there is). */
    public void revocations(RevocationKeeper keeper) {
        this.keeper = keeper;
        unkept.forEach(keeper::revoked);
        unkept.clear();
    }

    private RevocationKeeper keeper() {
        RevocationKeeper current = keeper;
        if (current == null && keepers != null && keepers.isResolvable()) {
            current = keepers.get();
            keeper = current;
        }
        return current;
    }

    /** Puts the connection with this id, or every connection of this user, into a room, on whichever node (no policy asked). */
    public void subscribe(String idOrUser, RoomName room) {
        directives.subscribe(idOrUser, room.value());
    }

    /** Takes the connection with this id, or every connection of this user, out of a room, on whichever node. */
    public void unsubscribe(String idOrUser, RoomName room) {
        directives.unsubscribe(idOrUser, room.value());
    }

    /** The rooms the connections of this user are in, on every node. */
    public SortedSet<String> roomsOf(String user) {
        SortedSet<String> all = new TreeSet<>(remote.roomsOf(user));
        directory.find(user).forEach(member -> all.addAll(member.rooms()));
        return all;
    }

    /** The reason an operator's disconnect gives. */
    public static final String DISCONNECTED = Directives.DISCONNECTED;

    // ---------------------------------------------------------------- connections and direct messages

    /** A connection opened here: the other nodes learn it exists (for {@code tell}). */
    public void connected(Member member) {
        presence.connected(member);
    }

    /** A connection closed here: it leaves its rooms, and the other nodes forget it. */
    public void disconnected(Member member) {
        leaveAll(member);
        presence.disconnected(member);
    }

    /** How many connections are open in the cluster, as this node knows. */
    public int connectionCount() {
        return directory.all().size() + remote.connectionCount();
    }

    /** Whether a connection with this id, or of this user, is open anywhere in the cluster. */
    public boolean isConnected(String idOrUser) {
        String name = ConnectionNames.lookup(idOrUser);
        return !ConnectionNames.only(idOrUser, directory.find(name)).isEmpty()
                || (ConnectionNames.isConnection(idOrUser) ? remote.hasConnectionId(name)
                : ConnectionNames.isUser(idOrUser) ? remote.hasUser(name) : remote.hasConnection(name));
    }

    /** Sends an encoded frame to the connection with this id, or every connection of this user, wherever it is. */
    public void tell(String idOrUser, String frame) {
        directives.tell(idOrUser, frame);
    }

    /**
     * {@link #tell(String, String)} with the sender's idempotency key (scoped by the sender) and the frame's message id:
     * sent unless the key was sent within {@code switchboard.history.tellKeySeconds} — then the message id it first sent
     * is returned and nothing is sent; null when this one was sent. Every node drops a repeat that crossed the original
     * in the cluster.
     */
    public String tell(String idOrUser, String frame, String key, String messageId) {
        return directives.tell(idOrUser, frame, key, messageId);
    }

    /**
     * The message id of the tell first sent with this (scoped) key, while the nodes remember it; else {@code null} —
     * also while this node is still sending it ({@link #tell(String, String, String, String)} then says so).
     */
    public String toldBefore(String key) {
        var sent = directives.sentBefore(key);
        return sent == null || !sent.taken() ? null : sent.messageId();
    }

    // ---------------------------------------------------------------- what the bus delivers

    /** What the bus calls for every envelope that reaches this node, its own included. */
    void deliver(Envelope envelope) {
        boolean own = envelope.origin().equals(node.nodeId());
        long now = clock.millis();
        if (!own) {
            remote.seen(envelope.origin(), now);
        }
        routes.get(envelope.kind()).deliver(envelope, own, now);
    }

    static final LocalDirectory NO_CONNECTIONS = new LocalDirectory() {
        @Override
        public List<? extends Member> find(String idOrUser) {
            return List.of();
        }

        @Override
        public Collection<? extends Member> all() {
            return List.of();
        }
    };
}
