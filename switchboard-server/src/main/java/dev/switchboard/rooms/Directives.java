package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.Envelope.Kind;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Alert;
import dev.switchboard.protocol.EndNotice;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Presence;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What is aimed at connections wherever they are: a client's {@code tell}, an operator's {@code alert} (to
 * a room, or to everyone), a disconnect ({@code end}, then the close), and the application putting connections
 * into rooms or taking them out. Each is published once and carried out by the node that holds the connections.
 */
final class Directives {

    /** How a node puts one of its connections into a room or takes it out (the registry's own join and leave). */
    interface Memberships {
        void join(Member member, String room);

        void leave(Member member, String room);
    }

    /** The reason an operator's disconnect gives. */
    static final String DISCONNECTED = "disconnected by an operator";

    private static final Logger LOG = System.getLogger(Directives.class.getName());

    private final ClusterBus bus;
    private final String nodeId;
    private final FrameCodec codec;
    private final LocalDirectory directory;
    private final LocalRooms rooms;
    private final Meters meters;
    private final Clock clock;
    private final Memberships memberships;
    private final SentKeys keys;

    Directives(ClusterBus bus, String nodeId, FrameCodec codec, LocalDirectory directory, LocalRooms rooms, Meters meters,
            Clock clock, Memberships memberships, SentKeys keys) {
        this.keys = keys;
        this.bus = bus;
        this.nodeId = nodeId;
        this.codec = codec;
        this.directory = directory;
        this.rooms = rooms;
        this.meters = meters;
        this.clock = clock;
        this.memberships = memberships;
    }

    /** The envelope kinds this part handles. */
    void routes(Map<Kind, RoomRegistry.Route> table) {
        table.put(Kind.DIRECT, this::onDirect);
        table.put(Kind.ALERT, this::onAlert);
        table.put(Kind.KICK, this::onKick);
        table.put(Kind.SUBSCRIBE, this::onSubscribe);
        table.put(Kind.UNSUBSCRIBE, this::onUnsubscribe);
    }

    void tell(String idOrUser, String frame) {
        bus.publish(Envelope.direct(nodeId, idOrUser, frame, ""));
    }

    /**
     * Sends a keyed frame unless its key was sent before (by this node, or seen from another): then the message id it
     * first sent, and nothing is sent. The key is this node's from now, not from when the frame is back from the bus.
     *
     * @throws ClusterUnavailableException while the key's first frame is still being sent from this node (it may fail
     *         yet): a repeat then is safe
     */
    String tell(String idOrUser, String frame, String key, String messageId) {
        SentKeys.Sent before = keys.claim(key, messageId, clock.millis());
        if (before != null) {
            if (!before.taken()) {
                throw ClusterUnavailableException.stillSending();
            }
            return before.messageId();
        }
        try {
            bus.publish(Envelope.direct(nodeId, idOrUser, frame, key));
        } catch (RuntimeException e) {
            keys.release(key, messageId); // not sent (or in doubt): the client's retry with the key sends it again
            throw e;
        }
        keys.sent(key, messageId);
        return null;
    }

    void expireKeys(long now) {
        keys.expire(now);
    }

    /** The first frame sent with this (scoped) key, while the nodes remember it; else {@code null}. */
    SentKeys.Sent sentBefore(String key) {
        return keys.original(key, clock.millis());
    }

    /** An operator's {@code alert} to a room's members, or with {@code null} to every connection. */
    void alert(RoomName room, JsonValue message) {
        String frame = codec.encode(Event.of(EventNames.ALERT, new Alert(room == null ? null : room.value(), message, clock.millis())));
        bus.publish(new Envelope(nodeId, Kind.ALERT, room == null ? "" : room.value(), "", frame));
    }

    /** A disconnect of a connection, or of every connection of a user: {@code end} with this reason, then the close. */
    void disconnect(String idOrUser, String reason, boolean reconnect) {
        String frame = codec.encode(Event.of(EventNames.END, new EndNotice(reconnect, 0, reason)));
        bus.publish(new Envelope(nodeId, Kind.KICK, "", idOrUser, frame));
    }

    void subscribe(String idOrUser, String room) {
        bus.publish(new Envelope(nodeId, Kind.SUBSCRIBE, room, idOrUser, ""));
    }

    void unsubscribe(String idOrUser, String room) {
        bus.publish(new Envelope(nodeId, Kind.UNSUBSCRIBE, room, idOrUser, ""));
    }

    /** The local connections a target names: by id, by user, or (a client's {@code tell}) by either. */
    private List<? extends Member> find(String target) {
        return ConnectionNames.only(target, directory.find(ConnectionNames.lookup(target)));
    }

    private void onDirect(Envelope envelope, boolean own, long now) {
        if (!envelope.key().isEmpty() && !keys.arrived(envelope.key(), messageIdOf(envelope.payload()), now)) {
            return; // a repeat: every node drops it alike
        }
        List<? extends Member> targets = find(envelope.target());
        targets.forEach(member -> member.offer(envelope.payload()));
        targets.forEach(Member::flush);
        if (!targets.isEmpty()) {
            meters.sent(EventNames.TELL);
        }
    }

    private void onAlert(Envelope envelope, boolean own, long now) {
        if (envelope.room().isEmpty()) {
            Collection<? extends Member> everyone = List.copyOf(directory.all());
            everyone.forEach(member -> member.offer(envelope.payload()));
            everyone.forEach(Member::flush);
            meters.sent(EventNames.ALERT);
        } else {
            rooms.fanOut(envelope.room(), envelope.payload(), EventNames.ALERT);
        }
    }

    private void onKick(Envelope envelope, boolean own, long now) {
        List<? extends Member> targets = find(envelope.target());
        if (targets.isEmpty()) {
            return;
        }
        JsonObject end = codec.parse(envelope.payload()).asJsonObject().getJsonObject("data");
        boolean reconnect = end.getBoolean("reconnect", false);
        String reason = end.getString("reason", DISCONNECTED);
        for (Member member : targets) {
            LOG.log(Level.INFO, "Connection {0} disconnected: {1}", member.id(), reason);
            member.offer(envelope.payload());
            member.closeAfterQueued(reconnect ? 1001 : 1008, reason);
            meters.sent(EventNames.END);
        }
    }

    private void onSubscribe(Envelope envelope, boolean own, long now) {
        for (Member member : find(envelope.target())) {
            memberships.join(member, envelope.room());
        }
    }

    /**
     * The connections leave; each is told with its own {@code leave} event (a member that leaves by asking hears its
     * reply instead), so that its client stops taking the room as its own.
     */
    private void onUnsubscribe(Envelope envelope, boolean own, long now) {
        for (Member member : find(envelope.target())) {
            if (member.rooms().contains(envelope.room())) {
                memberships.leave(member, envelope.room());
                member.offer(codec.encode(Event.of(EventNames.LEAVE, new Presence(envelope.room(), new Peer(member.id(), member.user()),
                        clock.millis()))));
                member.flush();
            }
        }
    }

    private String messageIdOf(String frame) {
        try {
            return codec.parse(frame) instanceof JsonObject event && event.get("data") instanceof JsonObject data
                    ? data.getString("messageId", null) : null;
        } catch (RuntimeException e) {
            return null; // not a frame of ours (tests send plain strings)
        }
    }
}
