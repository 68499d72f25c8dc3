package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.Envelope.Kind;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Alert;
import dev.switchboard.protocol.EndNotice;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import dev.switchboard.protocol.Presence;
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
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which connections are in which rooms — on this node, and as a replica of every other node — and the
 * local fan-out of cluster traffic.
 *
 * <p>A room exists while it has members: it is made on the first join and dropped with the last
 * leave. Every frame for a room — {@code say}, {@code join}, {@code leave} — goes through the
 * {@link ClusterBus} and comes back to {@link #deliver} on every node, which offers it to the room's
 * local members while holding that room's lock, so that all members get the room's frames in the
 * order of the bus; the sockets are written after the lock is released.
 *
 * <p>Presence across the cluster: every node publishes its connections and memberships as they change,
 * a heartbeat with its counts every {@code switchboard.heartbeatMillis}, a snapshot when a node says
 * hello (or a replica drifted), and a goodbye when it stops. A node not heard from for
 * {@code switchboard.nodeTimeoutMillis} is dropped: each remaining node tells its own local members
 * of the affected rooms with {@code leave} events, so every member hears each leave once.
 *
 * <p>Bean-managed concurrency and no transactions: the hot path takes only the room's own lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RoomRegistry {

    private static final Logger LOG = System.getLogger(RoomRegistry.class.getName());
    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up (a ServiceLoader scan) on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final RemoteNodes remote = new RemoteNodes();
    private final AtomicInteger localMembers = new AtomicInteger();
    private ClusterBus bus;
    private FrameCodec codec;
    private NodeIdentity node;
    private LocalDirectory directory;
    private Clock clock;
    private RoomPolicies policies;
    private Histories histories;
    private Meters meters;
    private long heartbeatMillis;
    private long nodeTimeoutMillis;
    /**
     * Whether this node runs on its own bus: then nobody else can take a room's messages while it is down,
     * and a room's last position before a restart proves that a client who had it missed nothing. In a
     * cluster another node may have gone on meanwhile, so no such proof exists.
     */
    private boolean alone;

    @Resource
    TimerService timers;

    private Timer heartbeat;

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
        init(bus, codec, node, directory, settings);
        this.clock = clock;
        this.meters = new Meters();
        start();
    }

    /** The room policies whose {@code deliver} hook sees each receiver; none outside a container. */
    @Inject
    void policies(RoomPolicies policies) {
        this.policies = policies;
    }

    @Inject
    void meters(Meters meters) {
        this.meters = meters;
    }

    @Inject
    void init(ClusterBus bus, FrameCodec codec, NodeIdentity node, LocalDirectory directory, Settings settings) {
        this.bus = bus;
        this.codec = codec;
        this.node = node;
        this.directory = directory;
        this.clock = Clock.systemUTC();
        this.heartbeatMillis = settings.heartbeatMillis();
        this.nodeTimeoutMillis = settings.nodeTimeoutMillis();
        List<Histories.Bound> rules;
        try {
            rules = Histories.parseRules(settings.historyRules());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting " + Settings.HISTORY_RULES.name() + ": " + e.getMessage(), e);
        }
        this.histories = new Histories(node.nodeId(), rules, new Histories.Bound(null, settings.historyMessages(), settings.historySeconds()),
                settings.historyMaxChars(), settings.historyStateFile().equals("none") ? null : Path.of(settings.historyStateFile()));
    }

    @PostConstruct
    void start() {
        alone = "local".equals(bus.link().mode());
        meters.gauge("switchboard.rooms", "Rooms with members on this node", rooms::size);
        meters.gauge("switchboard.room.members", "Room memberships of this node's connections", localMembers::get);
        bus.deliverTo(this::deliver);
        bus.onGap(histories::forgetAll);
        if (timers != null) {
            heartbeat = timers.createIntervalTimer(heartbeatMillis, heartbeatMillis, new TimerConfig(null, false));
        }
        publishQuietly(Envelope.control(node.nodeId(), Kind.HELLO, "", ""));
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            try {
                heartbeat.cancel();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Heartbeat timer already gone: {0}", e.toString());
            }
        }
        try {
            bus.publish(Envelope.control(node.nodeId(), Kind.BYE, "", ""));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not say goodbye to the cluster: {0}", e.toString());
        }
        histories.save();
    }

    @Timeout
    void onHeartbeat(Timer timer) {
        tick();
    }

    /** Publishes this node's heartbeat and drops the nodes that went silent. */
    public void tick() {
        long now = clock.millis();
        publishQuietly(Envelope.control(node.nodeId(), Kind.HEARTBEAT, "",
                codec.encodeValue(new NodeState.Counts(directory.all().size(), localMembers.get()))));
        for (String silent : remote.silentSince(now, nodeTimeoutMillis)) {
            LOG.log(Level.INFO, "Node {0} not heard from for {1} ms: its members leave their rooms", silent, nodeTimeoutMillis);
            dropNode(silent);
        }
        histories.sweep(now, rooms::containsKey);
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
        JoinOutcome outcome = null;
        long joinedAt = clock.millis();
        while (outcome == null) {
            History history = histories.of(key);
            Room room = rooms.computeIfAbsent(key, Room::new);
            synchronized (history) {
                if (history.retired()) {
                    continue;
                }
                room.lock();
                try {
                    if (!room.closed()) {
                        outcome = joinLocked(member, name, since, rules, room, history, joinedAt);
                    }
                } finally {
                    if (room.size() == 0 && !room.closed()) {
                        room.close(); // made for a join that did not happen (refused, or the connection closing)
                        rooms.remove(key, room);
                    }
                    room.unlock();
                }
            }
        }
        member.flush();
        if (outcome.joined()) {
            localMembers.incrementAndGet();
            try {
                publishPresence(Kind.JOIN, EventNames.JOIN, key, member, joinedAt);
            } finally {
                if (member.closing() && !leave(member, key)) {
                    // its close left the room already, perhaps before this join was told: the last word is a leave
                    publishPresence(Kind.LEAVE, EventNames.LEAVE, key, member, clock.millis());
                }
            }
        }
        return outcome;
    }

    /** The part of a join under the room's lock (and its history's). */
    private JoinOutcome joinLocked(Member member, RoomName name, Position since, RoomPolicies rules, Room room,
            History history, long joinedAt) {
        String key = name.value();
        if (member.closing()) {
            return JoinOutcome.of(false, room.size() + remote.count(key), null);
        }
        if (!room.contains(member) && rules != null) {
            rules.join(new RoomPolicy.JoinRequest(member, name, room.size() + remote.count(key), member.rooms().size()));
        }
        boolean added = room.add(member, joinedAt);
        member.rooms().add(key);
        History.Recovery recovery = since == null ? null
                : added ? history.after(since, alone ? histories.predecessor(key) : null)
                : History.Recovery.refused("already a member: nothing replayed (its messages keep coming live)");
        if (recovery != null && !recovery.frames().isEmpty()) {
            member.offerAll(recovery.frames());
        }
        return JoinOutcome.of(added, room.size() + remote.count(key), recovery);
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

    /** The members of a room on every node, in the order they joined; empty when it has none. */
    public Optional<RoomView> view(RoomName name) {
        List<RoomMember> members = new ArrayList<>(remote.members(name.value()));
        Room room = rooms.get(name.value());
        if (room != null) {
            room.lock();
            try {
                if (!room.closed()) {
                    members.addAll(room.view());
                }
            } finally {
                room.unlock();
            }
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        members.sort(Comparator.comparingLong(RoomMember::joinedAt).thenComparing(RoomMember::id));
        return Optional.of(new RoomView(name.value(), members.size(), members));
    }

    /** How many members a room has, on every node. */
    public int membersCount(RoomName name) {
        Room room = rooms.get(name.value());
        int local = 0;
        if (room != null) {
            room.lock();
            try {
                local = room.size();
            } finally {
                room.unlock();
            }
        }
        return local + remote.count(name.value());
    }

    /** How many rooms have members on this node. */
    public int roomCount() {
        return rooms.size();
    }

    /** Sends an encoded frame to every member of a room, on every node. Encode once, then call this. */
    public void publish(RoomName room, String frame) {
        bus.publish(Envelope.room(node.nodeId(), room.value(), frame));
    }

    /** Every room with members on any node, by name, and how many members each has. */
    public SortedMap<String, Integer> roomCounts() {
        SortedMap<String, Integer> counts = new TreeMap<>(remote.roomCounts());
        for (Room room : rooms.values()) {
            int size;
            room.lock();
            try {
                size = room.closed() ? 0 : room.size();
            } finally {
                room.unlock();
            }
            if (size > 0) {
                counts.merge(room.name(), size, Integer::sum);
            }
        }
        return counts;
    }

    /** Sends an operator's {@code alert} to every member of a room on every node, or with {@code null} to every connection. */
    public void alert(RoomName room, JsonValue message) {
        String frame = codec.encode(Event.of(EventNames.ALERT, new Alert(room == null ? null : room.value(), message, clock.millis())));
        bus.publish(new Envelope(node.nodeId(), Kind.ALERT, room == null ? "" : room.value(), "", frame));
    }

    /**
     * Closes the connection with this id, or every connection of this user, on whichever node: it gets
     * {@code end} with {@code reconnect: false}, then the close (1008).
     */
    public void disconnect(String idOrUser) {
        String frame = codec.encode(Event.of(EventNames.END, new EndNotice(false, 0, DISCONNECTED)));
        bus.publish(new Envelope(node.nodeId(), Kind.KICK, "", idOrUser, frame));
    }

    /** The reason an operator's disconnect gives. */
    public static final String DISCONNECTED = "disconnected by an operator";

    // ---------------------------------------------------------------- connections and direct messages

    /** A connection opened here: the other nodes learn it exists (for {@code tell}). */
    public void connected(Member member) {
        publishQuietly(Envelope.control(node.nodeId(), Kind.CONNECT, member.id(),
                codec.encodeValue(new NodeState.Connection(member.id(), member.user()))));
    }

    /** A connection closed here: it leaves its rooms, and the other nodes forget it. */
    public void disconnected(Member member) {
        leaveAll(member);
        publishQuietly(Envelope.control(node.nodeId(), Kind.DISCONNECT, member.id(), ""));
    }

    /** Whether a connection with this id, or of this user, is open anywhere in the cluster. */
    public boolean isConnected(String idOrUser) {
        return !directory.find(idOrUser).isEmpty() || remote.hasConnection(idOrUser);
    }

    /** Sends an encoded frame to the connection with this id, or every connection of this user, wherever it is. */
    public void tell(String idOrUser, String frame) {
        bus.publish(new Envelope(node.nodeId(), Kind.DIRECT, "", idOrUser, frame));
    }

    // ---------------------------------------------------------------- what the bus delivers

    /** What the bus calls for every envelope that reaches this node, its own included. */
    void deliver(Envelope envelope) {
        boolean own = envelope.origin().equals(node.nodeId());
        long now = clock.millis();
        if (!own) {
            remote.seen(envelope.origin(), now);
        }
        switch (envelope.kind()) {
            case ROOM -> roomMessage(envelope, now);
            case JOIN -> {
                fanOut(envelope.room(), envelope.payload(), EventNames.JOIN);
                if (!own) {
                    JsonObject data = ((JsonObject) codec.parse(envelope.payload())).getJsonObject("data");
                    JsonObject member = data.getJsonObject("member");
                    remote.joined(envelope.origin(), new NodeState.Membership(envelope.room(), member.getString("id"),
                            member.isNull("user") ? null : member.getString("user"), data.getJsonNumber("at").longValue()), now);
                }
            }
            case LEAVE -> {
                fanOut(envelope.room(), envelope.payload(), EventNames.LEAVE);
                if (!own) {
                    remote.left(envelope.origin(), envelope.room(), envelope.target(), now);
                }
            }
            case DIRECT -> {
                List<? extends Member> targets = directory.find(envelope.target());
                targets.forEach(member -> member.offer(envelope.payload()));
                targets.forEach(Member::flush);
                if (!targets.isEmpty()) {
                    meters.sent(EventNames.TELL);
                }
            }
            case ALERT -> {
                if (envelope.room().isEmpty()) {
                    Collection<? extends Member> everyone = List.copyOf(directory.all());
                    everyone.forEach(member -> member.offer(envelope.payload()));
                    everyone.forEach(Member::flush);
                    meters.sent(EventNames.ALERT);
                } else {
                    fanOut(envelope.room(), envelope.payload(), EventNames.ALERT);
                }
            }
            case KICK -> {
                for (Member member : directory.find(envelope.target())) {
                    LOG.log(Level.INFO, "Connection {0} disconnected by an operator", member.id());
                    member.offer(envelope.payload());
                    member.closeAfterQueued(1008, DISCONNECTED);
                    meters.sent(EventNames.END);
                }
            }
            case CONNECT -> {
                if (!own) {
                    remote.connected(envelope.origin(), codec.decodeValue(envelope.payload(), NodeState.Connection.class), now);
                }
            }
            case DISCONNECT -> {
                if (!own) {
                    remote.disconnected(envelope.origin(), envelope.target(), now);
                }
            }
            case HELLO -> {
                if (!own && (envelope.target().isEmpty() || envelope.target().equals(node.nodeId()))) {
                    publishQuietly(Envelope.control(node.nodeId(), Kind.SNAPSHOT, "", codec.encodeValue(snapshot())));
                }
            }
            case SNAPSHOT -> {
                if (!own) {
                    remote.replace(envelope.origin(), codec.decodeValue(envelope.payload(), NodeState.Snapshot.class), now);
                }
            }
            case HEARTBEAT -> {
                if (!own && !remote.matches(envelope.origin(), codec.decodeValue(envelope.payload(), NodeState.Counts.class))) {
                    publishQuietly(Envelope.control(node.nodeId(), Kind.HELLO, envelope.origin(), ""));
                }
            }
            case BYE -> {
                if (!own) {
                    LOG.log(Level.INFO, "Node {0} stopped: its members leave their rooms", envelope.origin());
                    dropNode(envelope.origin());
                }
            }
        }
    }

    /**
     * A message for a room: it gets its position (the sequencer's, or the next of this node's own epoch
     * when it runs alone), goes into the room's history with it, and out to the local members — all under
     * the history's lock, so that the history and every member see one order.
     */
    private void roomMessage(Envelope envelope, long now) {
        History history = histories.of(envelope.room());
        synchronized (history) {
            if (history.retired()) {
                roomMessage(envelope, now); // swept meanwhile: into the room's new history
                return;
            }
            Position position = envelope.position() != null ? envelope.position() : history.nextLocalPosition();
            JsonObject event = withPosition(envelope.payload(), position);
            String frame = event == null ? envelope.payload() : event.toString();
            histories.add(history, new History.Entry(position, frame, now));
            if (event != null && policies != null && policies.filtersDeliveries()) {
                fanOutFiltered(envelope.room(), frame, event);
            } else {
                fanOut(envelope.room(), frame, EventNames.SAY);
            }
        }
    }

    /** The event with its position in its data; {@code null} for a frame that is no event with data. */
    private JsonObject withPosition(String frame, Position position) {
        JsonValue parsed;
        try {
            parsed = codec.parse(frame);
        } catch (FrameException e) {
            return null; // not a frame of ours (tests publish plain strings)
        }
        if (!(parsed instanceof JsonObject event) || !(event.get("data") instanceof JsonObject data)) {
            return null;
        }
        return BUILDERS.createObjectBuilder(event).add("data", BUILDERS.createObjectBuilder(data).add("position", position.toJson()))
                .build();
    }

    /**
     * Local fan-out through the policies' {@code deliver} hook: the frame as it is where a receiver's
     * message is unchanged, encoded again only for a receiver whose message a policy altered.
     */
    private void fanOutFiltered(String key, String frame, JsonObject event) {
        JsonObject data = event.getJsonObject("data");
        if (!EventNames.SAY.equals(event.getString("event", "")) || data == null || !data.containsKey("message")) {
            fanOut(key, frame, EventNames.SAY);
            return;
        }
        Room room = rooms.get(key);
        if (room == null) {
            return;
        }
        meters.sent(EventNames.SAY);
        JsonValue message = data.get("message");
        JsonObject from = data.getJsonObject("from");
        String fromId = from == null ? "" : from.getString("id", "");
        RoomName name = new RoomName(key);
        Member[] members;
        room.lock();
        try {
            members = room.members();
            for (Member member : members) {
                JsonValue mine = policies.deliver(member, name, fromId, message);
                if (mine == message) {
                    member.offer(frame);
                } else if (mine != null) {
                    member.offer(BUILDERS.createObjectBuilder(event)
                            .add("data", BUILDERS.createObjectBuilder(data).add("message", mine)).build().toString());
                }
            }
        } finally {
            room.unlock();
        }
        for (Member member : members) {
            member.flush();
        }
    }

    /**
     * Local fan-out: offers the frame to every local member under the room's lock, then flushes them.
     * Counted once, as a frame of this kind made for clients, when the room has members here.
     */
    private void fanOut(String key, String frame, String kind) {
        Room room = rooms.get(key);
        if (room == null) {
            return;
        }
        meters.sent(kind);
        Member[] members;
        room.lock();
        try {
            members = room.members();
            for (Member member : members) {
                member.offer(frame);
            }
        } finally {
            room.unlock();
        }
        for (Member member : members) {
            member.flush();
        }
    }

    /** A node is gone: its members leave, and this node tells its own members of those rooms. */
    private void dropNode(String gone) {
        long now = clock.millis();
        for (NodeState.Membership membership : remote.remove(gone)) {
            String frame = codec.encode(Event.of(EventNames.LEAVE,
                    new Presence(membership.room(), new Peer(membership.id(), membership.user()), now)));
            fanOut(membership.room(), frame, EventNames.LEAVE);
        }
    }

    /**
     * Control traffic whose loss the cluster repairs by itself (heartbeats carry counts, drifted replicas
     * ask for snapshots): a broker outage is logged, not thrown at whoever triggered it.
     */
    private void publishQuietly(Envelope envelope) {
        try {
            bus.publish(envelope);
        } catch (ClusterUnavailableException e) {
            LOG.log(Level.WARNING, "Could not publish {0} to the cluster: {1}", envelope.kind(), e.getMessage());
        }
    }

    private NodeState.Snapshot snapshot() {
        List<NodeState.Connection> connections = new ArrayList<>();
        for (Member member : directory.all()) {
            connections.add(new NodeState.Connection(member.id(), member.user()));
        }
        List<NodeState.Membership> members = new ArrayList<>();
        for (Room room : rooms.values()) {
            room.lock();
            try {
                for (RoomMember member : room.view()) {
                    members.add(new NodeState.Membership(room.name(), member.id(), member.user(), member.joinedAt()));
                }
            } finally {
                room.unlock();
            }
        }
        return new NodeState.Snapshot(connections, members);
    }

    private boolean leave(Member member, String key) {
        member.rooms().remove(key);
        Room room = rooms.get(key);
        if (room == null) {
            return false;
        }
        boolean removed;
        room.lock();
        try {
            removed = room.remove(member);
            if (room.size() == 0 && !room.closed()) {
                room.close();
                rooms.remove(key, room);
            }
        } finally {
            room.unlock();
        }
        if (removed) {
            localMembers.decrementAndGet();
            publishPresence(Kind.LEAVE, EventNames.LEAVE, key, member, clock.millis());
        }
        return removed;
    }

    private void publishPresence(Kind kind, String event, String room, Member member, long at) {
        String frame = codec.encode(Event.of(event, new Presence(room, new Peer(member.id(), member.user()), at)));
        bus.publish(new Envelope(node.nodeId(), kind, room, member.id(), frame));
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

    /**
     * What a join did.
     *
     * @param joined false when the connection was a member already
     * @param membersCount the room's members on every node after the join
     * @param recovered with {@code since}: whether the messages after it were replayed; else {@code null}
     * @param reason why they were not, or {@code null}
     */
    public record JoinOutcome(boolean joined, int membersCount, Boolean recovered, String reason) {

        private static JoinOutcome of(boolean joined, int membersCount, History.Recovery recovery) {
            return recovery == null ? new JoinOutcome(joined, membersCount, null, null)
                    : new JoinOutcome(joined, membersCount, recovery.recovered(), recovery.reason());
        }
    }
}
