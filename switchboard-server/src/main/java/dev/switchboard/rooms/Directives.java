package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.Envelope.Kind;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Alert;
import dev.switchboard.protocol.EndNotice;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Frames aimed at connections wherever they are: a client's {@code tell}, an operator's {@code alert} (to
 * a room, or to everyone) and an operator's disconnect ({@code end}, then the close). Each is published
 * once and delivered by the node that holds the connections.
 */
final class Directives {

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

    Directives(ClusterBus bus, String nodeId, FrameCodec codec, LocalDirectory directory, LocalRooms rooms, Meters meters,
            Clock clock) {
        this.bus = bus;
        this.nodeId = nodeId;
        this.codec = codec;
        this.directory = directory;
        this.rooms = rooms;
        this.meters = meters;
        this.clock = clock;
    }

    /** The envelope kinds this part handles. */
    void routes(Map<Kind, RoomRegistry.Route> table) {
        table.put(Kind.DIRECT, this::onDirect);
        table.put(Kind.ALERT, this::onAlert);
        table.put(Kind.KICK, this::onKick);
    }

    void tell(String idOrUser, String frame) {
        bus.publish(new Envelope(nodeId, Kind.DIRECT, "", idOrUser, frame));
    }

    /** An operator's {@code alert} to a room's members, or with {@code null} to every connection. */
    void alert(RoomName room, JsonValue message) {
        String frame = codec.encode(Event.of(EventNames.ALERT, new Alert(room == null ? null : room.value(), message, clock.millis())));
        bus.publish(new Envelope(nodeId, Kind.ALERT, room == null ? "" : room.value(), "", frame));
    }

    /** An operator's disconnect of a connection, or of every connection of a user. */
    void disconnect(String idOrUser) {
        String frame = codec.encode(Event.of(EventNames.END, new EndNotice(false, 0, DISCONNECTED)));
        bus.publish(new Envelope(nodeId, Kind.KICK, "", idOrUser, frame));
    }

    private void onDirect(Envelope envelope, boolean own, long now) {
        List<? extends Member> targets = directory.find(envelope.target());
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
        for (Member member : directory.find(envelope.target())) {
            LOG.log(Level.INFO, "Connection {0} disconnected by an operator", member.id());
            member.offer(envelope.payload());
            member.closeAfterQueued(1008, DISCONNECTED);
            meters.sent(EventNames.END);
        }
    }
}
