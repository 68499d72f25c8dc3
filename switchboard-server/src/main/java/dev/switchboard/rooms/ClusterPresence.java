package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.Envelope.Kind;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Presence;
import jakarta.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Presence across the cluster (socket.io's {@code ClusterAdapterWithHeartbeat}): this node publishes its
 * connections and memberships as they change, a heartbeat with its counts (when a replica's counts differ,
 * that node asks for a snapshot), a snapshot when a node says hello, and a goodbye when it stops; it keeps
 * a replica of every other node ({@link RemoteNodes}). A node not heard from for the node timeout is
 * dropped: this node tells its own members of the affected rooms with {@code leave} events, so every
 * member hears each leave once.
 */
final class ClusterPresence {

    private static final Logger LOG = System.getLogger(ClusterPresence.class.getName());

    private final ClusterBus bus;
    private final String nodeId;
    private final FrameCodec codec;
    private final LocalDirectory directory;
    private final LocalRooms rooms;
    private final RemoteNodes remote;
    private final Clock clock;
    private final long nodeTimeoutMillis;
    private final Supplier<List<String>> revocations;
    private final Consumer<String> revoked;

    /**
     * @param revocations the revocations this node knows, as JSON texts, for its snapshot
     * @param revoked takes a revocation (its JSON text) that came from another node, or in a snapshot
     */
    ClusterPresence(ClusterBus bus, String nodeId, FrameCodec codec, LocalDirectory directory, LocalRooms rooms,
            RemoteNodes remote, Clock clock, long nodeTimeoutMillis, Supplier<List<String>> revocations, Consumer<String> revoked) {
        this.revocations = revocations;
        this.revoked = revoked;
        this.bus = bus;
        this.nodeId = nodeId;
        this.codec = codec;
        this.directory = directory;
        this.rooms = rooms;
        this.remote = remote;
        this.clock = clock;
        this.nodeTimeoutMillis = nodeTimeoutMillis;
    }

    /** The envelope kinds this part handles. */
    void routes(Map<Kind, RoomRegistry.Route> table) {
        table.put(Kind.JOIN, this::onJoin);
        table.put(Kind.LEAVE, this::onLeave);
        table.put(Kind.CONNECT, this::onConnect);
        table.put(Kind.DISCONNECT, this::onDisconnect);
        table.put(Kind.HELLO, this::onHello);
        table.put(Kind.SNAPSHOT, this::onSnapshot);
        table.put(Kind.HEARTBEAT, this::onHeartbeat);
        table.put(Kind.BYE, this::onBye);
        table.put(Kind.REVOKE, (envelope, own, now) -> revoked.accept(envelope.payload()));
    }

    /** A revocation for every node, this one included (thrown when the bus cannot take it). */
    void revoke(String revocation) {
        bus.publish(Envelope.control(nodeId, Kind.REVOKE, "", revocation));
    }

    /** This node started: every other node answers with its snapshot. */
    void hello() {
        publishQuietly(Envelope.control(nodeId, Kind.HELLO, "", ""));
    }

    /** This node stops: its members are gone (thrown when the bus cannot take it). */
    void bye() {
        bus.publish(Envelope.control(nodeId, Kind.BYE, "", ""));
    }

    /** This node drains: its heartbeats say so from now on. */
    private volatile boolean draining;

    void draining() {
        draining = true;
    }

    /** What this node's heartbeat says of it. */
    NodeState.Counts counts() {
        return new NodeState.Counts(directory.all().size(), rooms.memberCount(), draining, HOST);
    }

    /** This machine's name, for the operators' view of the nodes; "" when it has none that resolves. */
    static final String HOST = hostName();

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** Publishes this node's heartbeat and drops the nodes that went silent. */
    void tick(long now) {
        publishQuietly(Envelope.control(nodeId, Kind.HEARTBEAT, "", codec.encodeValue(counts())));
        for (String silent : remote.silentSince(now, nodeTimeoutMillis)) {
            LOG.log(Level.INFO, "Node {0} not heard from for {1} ms: its members leave their rooms", silent, nodeTimeoutMillis);
            bus.nodeLost(silent);
            dropNode(silent);
        }
    }

    /** A member joined a room here: its {@code join} event goes to the room on every node (this one too). */
    void joined(Member member, String room, long at) {
        bus.publish(Envelope.join(nodeId, room, member.id(), member.user(), at, presenceFrame(EventNames.JOIN, room, member, at)));
    }

    /** A member left a room here: its {@code leave} event goes to the room on every node. */
    void left(Member member, String room, long at) {
        bus.publish(new Envelope(nodeId, Kind.LEAVE, room, member.id(), presenceFrame(EventNames.LEAVE, room, member, at)));
    }

    /** A connection opened here: the other nodes learn it exists (for {@code tell}). */
    void connected(Member member) {
        if (rooms.alone()) { // nobody else learns of this node's connections, and it drops its own news of them
            return;
        }
        publishQuietly(Envelope.control(nodeId, Kind.CONNECT, member.id(),
                codec.encodeValue(new NodeState.Connection(member.id(), member.user()))));
    }

    /** A connection closed here: the other nodes forget it. */
    void disconnected(Member member) {
        if (rooms.alone()) {
            return;
        }
        publishQuietly(Envelope.control(nodeId, Kind.DISCONNECT, member.id(), ""));
    }

    private String presenceFrame(String event, String room, Member member, long at) {
        return codec.encode(Event.of(event, new Presence(room, new Peer(member.id(), member.user()), at)));
    }

    private void onJoin(Envelope envelope, boolean own, long now) {
        rooms.fanOutPresence(envelope.room(), envelope.payload(), EventNames.JOIN, envelope.target());
        if (!own) {
            remote.joined(envelope.origin(), envelope.at() != 0
                    ? new NodeState.Membership(envelope.room(), envelope.target(), envelope.user(), envelope.at())
                    : fromFrame(envelope), now);
        }
    }

    /** A join from a node of a version before the envelope carried the member: read it from the frame. */
    private NodeState.Membership fromFrame(Envelope envelope) {
        JsonObject data = ((JsonObject) codec.parse(envelope.payload())).getJsonObject("data");
        JsonObject member = data.getJsonObject("member");
        return new NodeState.Membership(envelope.room(), member.getString("id"),
                member.isNull("user") ? null : member.getString("user"), data.getJsonNumber("at").longValue());
    }

    private void onLeave(Envelope envelope, boolean own, long now) {
        rooms.fanOutPresence(envelope.room(), envelope.payload(), EventNames.LEAVE, envelope.target());
        if (!own) {
            remote.left(envelope.origin(), envelope.room(), envelope.target(), now);
        }
    }

    private void onConnect(Envelope envelope, boolean own, long now) {
        if (!own) {
            remote.connected(envelope.origin(), codec.decodeValue(envelope.payload(), NodeState.Connection.class), now);
        }
    }

    private void onDisconnect(Envelope envelope, boolean own, long now) {
        if (!own) {
            remote.disconnected(envelope.origin(), envelope.target(), now);
        }
    }

    private void onHello(Envelope envelope, boolean own, long now) {
        if (!own && (envelope.target().isEmpty() || envelope.target().equals(nodeId))) {
            publishQuietly(Envelope.control(nodeId, Kind.SNAPSHOT, "", codec.encodeValue(snapshot())));
        }
    }

    private void onSnapshot(Envelope envelope, boolean own, long now) {
        if (!own) {
            NodeState.Snapshot snapshot = codec.decodeValue(envelope.payload(), NodeState.Snapshot.class);
            remote.replace(envelope.origin(), snapshot, now);
            if (snapshot.revocations() != null) {
                snapshot.revocations().forEach(revoked);
            }
        }
    }

    private void onHeartbeat(Envelope envelope, boolean own, long now) {
        if (own) {
            return;
        }
        NodeState.Counts counts = codec.decodeValue(envelope.payload(), NodeState.Counts.class);
        remote.heard(envelope.origin(), counts);
        if (!remote.matches(envelope.origin(), counts)) {
            publishQuietly(Envelope.control(nodeId, Kind.HELLO, envelope.origin(), ""));
        }
    }

    private void onBye(Envelope envelope, boolean own, long now) {
        if (!own) {
            LOG.log(Level.INFO, "Node {0} stopped: its members leave their rooms", envelope.origin());
            dropNode(envelope.origin());
        }
    }

    /** A node is gone: its members leave, and this node tells its own members of those rooms. */
    private void dropNode(String gone) {
        long now = clock.millis();
        for (NodeState.Membership membership : remote.remove(gone)) {
            String frame = codec.encode(Event.of(EventNames.LEAVE,
                    new Presence(membership.room(), new Peer(membership.id(), membership.user()), now)));
            rooms.fanOutPresence(membership.room(), frame, EventNames.LEAVE, membership.id());
        }
    }

    private NodeState.Snapshot snapshot() {
        List<NodeState.Connection> connections = new ArrayList<>();
        for (Member member : directory.all()) {
            connections.add(new NodeState.Connection(member.id(), member.user()));
        }
        return new NodeState.Snapshot(connections, rooms.memberships(), revocations.get());
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
}
