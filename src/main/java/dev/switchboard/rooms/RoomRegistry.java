package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Presence;
import dev.switchboard.protocol.RoomView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which connections of this node are in which rooms, and the local fan-out of room traffic.
 *
 * <p>A room exists while it has members: it is made on the first join and dropped with the last
 * leave. Every frame for a room — {@code say}, {@code join}, {@code leave} — goes through the
 * {@link ClusterBus} and comes back to {@link #deliver}, which offers it to the room's members while
 * holding that room's lock, so that all members get the room's frames in one order; the sockets are
 * written after the lock is released. Bean-managed concurrency and no transactions: the hot path
 * takes only the room's own lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RoomRegistry {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private ClusterBus bus;
    private FrameCodec codec;
    private NodeIdentity node;
    private Clock clock;

    /** For the container. */
    public RoomRegistry() {
    }

    /** A registry outside a container, for tests. */
    public RoomRegistry(ClusterBus bus, FrameCodec codec, NodeIdentity node, Clock clock) {
        init(bus, codec, node);
        this.clock = clock;
        start();
    }

    @Inject
    void init(ClusterBus bus, FrameCodec codec, NodeIdentity node) {
        this.bus = bus;
        this.codec = codec;
        this.node = node;
        this.clock = Clock.systemUTC();
    }

    @PostConstruct
    void start() {
        bus.deliverTo(this::deliver);
    }

    /**
     * Adds a member to a room, making the room if needed, and tells the room's members (the new one
     * included) with a {@code join} event. Joining a room twice changes nothing.
     *
     * @return the outcome: whether it joined now, and how many members the room has
     */
    public JoinOutcome join(Member member, RoomName name) {
        String key = name.value();
        JoinOutcome outcome = null;
        while (outcome == null) {
            Room room = rooms.computeIfAbsent(key, Room::new);
            room.lock();
            try {
                if (!room.closed()) {
                    boolean added = room.add(member, clock.millis());
                    member.rooms().add(key);
                    outcome = new JoinOutcome(added, room.size());
                }
            } finally {
                room.unlock();
            }
        }
        if (outcome.joined()) {
            publishPresence(EventNames.JOIN, key, member);
        }
        return outcome;
    }

    /**
     * Removes a member from a room and tells the remaining members with a {@code leave} event.
     *
     * @return false when it was not a member
     */
    public boolean leave(Member member, RoomName name) {
        return leave(member, name.value());
    }

    /** Removes a member from every room it is in: when its connection closes. */
    public void leaveAll(Member member) {
        for (String room : List.copyOf(member.rooms())) {
            leave(member, room);
        }
    }

    public boolean isMember(Member member, RoomName name) {
        return member.rooms().contains(name.value());
    }

    /** The members of a room on this node, or empty when the room does not exist. */
    public Optional<RoomView> view(RoomName name) {
        Room room = rooms.get(name.value());
        if (room == null) {
            return Optional.empty();
        }
        room.lock();
        try {
            return room.closed() ? Optional.empty() : Optional.of(new RoomView(room.name(), room.size(), room.view()));
        } finally {
            room.unlock();
        }
    }

    /** How many rooms have members on this node. */
    public int roomCount() {
        return rooms.size();
    }

    /** Sends an encoded frame to every member of a room, on every node. Encode once, then call this. */
    public void publish(RoomName room, String frame) {
        bus.publish(Envelope.room(node.nodeId(), room.value(), frame));
    }

    /** Local fan-out: what the bus calls when an envelope reaches this node. */
    void deliver(Envelope envelope) {
        Room room = rooms.get(envelope.room());
        if (room == null) {
            return;
        }
        Member[] members;
        room.lock();
        try {
            members = room.members();
            for (Member member : members) {
                member.offer(envelope.frame());
            }
        } finally {
            room.unlock();
        }
        for (Member member : members) {
            member.flush();
        }
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
            publishPresence(EventNames.LEAVE, key, member);
        }
        return removed;
    }

    private void publishPresence(String event, String room, Member member) {
        String frame = codec.encode(Event.of(event, new Presence(room, new Peer(member.id(), member.user()))));
        bus.publish(Envelope.room(node.nodeId(), room, frame));
    }

    /**
     * What a join did.
     *
     * @param joined false when the connection was a member already
     * @param membersCount the room's members on this node after the join
     */
    public record JoinOutcome(boolean joined, int membersCount) {
    }
}
