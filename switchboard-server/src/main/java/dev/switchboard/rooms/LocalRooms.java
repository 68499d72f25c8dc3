package dev.switchboard.rooms;

import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.Position;
import dev.switchboard.protocol.RoomMember;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * This node's rooms: who is in each, and the local fan-out. A room exists while it has members here (made
 * on the first join, dropped with the last leave). Everything that changes a room or reads its members
 * holds that room's lock, and a join also its history's (history first), so that policies decide on what
 * the join changes and a replay comes before any live message; sockets are flushed after the lock.
 */
final class LocalRooms {

    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up (a ServiceLoader scan) on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger members = new AtomicInteger();
    private final Histories histories;
    private final ToIntFunction<String> elsewhere;
    private final Meters meters;
    private final boolean alone;
    private final Function<String, Access> presence;
    /** The most events one presence diff holds (~130 characters each): a room that has that many sends its diff at once. */
    static final int MAX_DIFF_EVENTS = 500;
    /** The rooms that owe their members who take presence diffs one ({@link #flushPresence}); a room may be in twice. */
    private final Queue<Room> owing = new ConcurrentLinkedQueue<>();

    /**
     * @param elsewhere how many members a room has on the other nodes, as this node last heard
     * @param alone whether this node runs on its own bus: then a room's last position before a restart
     *     proves that a client who had it missed nothing (in a cluster another node may have gone on)
     * @param presence who may see who is in a room (its rule's presence), asked when the room is made here
     */
    LocalRooms(Histories histories, ToIntFunction<String> elsewhere, Meters meters, boolean alone, Function<String, Access> presence) {
        this.histories = histories;
        this.elsewhere = elsewhere;
        this.meters = meters;
        this.alone = alone;
        this.presence = presence;
    }

    /** Whether this node runs alone (a local bus). */
    boolean alone() {
        return alone;
    }

    /** Rooms with members on this node. */
    int size() {
        return rooms.size();
    }

    /** How many room memberships this node's connections have. */
    int memberCount() {
        return members.get();
    }

    boolean has(String room) {
        return rooms.containsKey(room);
    }

    /**
     * Adds a member (see {@link RoomRegistry#join(Member, RoomName, Position, RoomPolicies)}); with
     * {@code since}, the room's messages after it are offered first.
     */
    JoinOutcome join(Member member, RoomName name, Position since, RoomPolicies rules, long joinedAt) {
        String key = name.value();
        JoinOutcome outcome = null;
        while (outcome == null) {
            History history = histories.of(key);
            Room room = rooms.computeIfAbsent(key, made -> new Room(made, presence.apply(made)));
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
            members.incrementAndGet();
        }
        return outcome;
    }

    /** The part of a join under the room's lock (and its history's). */
    private JoinOutcome joinLocked(Member member, RoomName name, Position since, RoomPolicies rules, Room room,
            History history, long joinedAt) {
        String key = name.value();
        if (member.closing()) {
            return JoinOutcome.of(false, room.size() + elsewhere.applyAsInt(key), null);
        }
        if (!room.contains(member) && rules != null) {
            rules.join(new RoomPolicy.JoinRequest(member, name, room.size() + elsewhere.applyAsInt(key), member.rooms().size()));
        }
        // what it has had by the end of this join: everything after its since (replayed now), else all after the last message
        boolean added = room.add(member, joinedAt, since != null ? since : history.last());
        member.rooms().add(key);
        Position predecessor = alone ? histories.predecessor(key) : null;
        History.Recovery recovery = since == null ? null
                : added ? history.after(since, predecessor)
                : history.afterUpTo(since, predecessor, room.lastBeforeJoin(member)); // what came after, it got live
        if (recovery != null && !recovery.frames().isEmpty()) {
            member.offerAll(recovery.frames());
        }
        return JoinOutcome.of(added, room.size() + elsewhere.applyAsInt(key), recovery);
    }

    /** Removes a member from a room; false when it was not one. The room goes with its last member. */
    boolean leave(Member member, String key) {
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
            members.decrementAndGet();
        }
        return removed;
    }

    /** The room's members on this node, in the order they joined. */
    List<RoomMember> view(String key) {
        Room room = rooms.get(key);
        if (room == null) {
            return List.of();
        }
        room.lock();
        try {
            return room.closed() ? List.of() : room.view();
        } finally {
            room.unlock();
        }
    }

    /** How many members the room has on this node. */
    int count(String key) {
        Room room = rooms.get(key);
        if (room == null) {
            return 0;
        }
        room.lock();
        try {
            return room.closed() ? 0 : room.size();
        } finally {
            room.unlock();
        }
    }

    /** Every room with members here, and how many. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
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

    /** Every membership on this node, for a snapshot. */
    List<NodeState.Membership> memberships() {
        List<NodeState.Membership> all = new ArrayList<>();
        for (Room room : rooms.values()) {
            room.lock();
            try {
                for (RoomMember member : room.view()) {
                    all.add(new NodeState.Membership(room.name(), member.id(), member.user(), member.joinedAt()));
                }
            } finally {
                room.unlock();
            }
        }
        return all;
    }

    /**
     * Offers the frame to every local member under the room's lock, then flushes them. Counted once, as
     * a frame of this kind made for clients, when the room has members here. A presence diff the room owes goes first.
     */
    void fanOut(String key, String frame, String kind) {
        Room room = rooms.get(key);
        if (room == null) {
            return;
        }
        meters.sent(kind);
        Member[] local;
        room.lock();
        try {
            offerDiff(room);
            local = room.members();
            for (Member member : local) {
                member.offer(frame);
            }
        } finally {
            room.unlock();
        }
        Flushes.flush(Arrays.asList(local));
    }

    /**
     * Fan-out of a {@code join} or {@code leave} event: to the members the room's rule lets see presence, and always to
     * the member it is about (its client learns its own joins and leaves from it). A member that takes presence diffs and
     * may see presence gets it with the room's next diff instead: at the next {@link #flushPresence}, or before the room's
     * next other frame, whichever comes first.
     */
    void fanOutPresence(String key, String frame, String kind, String subject) {
        Room room = rooms.get(key);
        if (room == null) {
            return;
        }
        Access seers = room.presence();
        boolean anyone = seers.kind() == Access.Kind.ANYONE;
        meters.sent(kind);
        List<Member> told;
        boolean first = false;
        room.lock();
        try {
            Member[] local = room.members();
            if (anyone && room.diffMembers() == 0) {
                room.takePending(); // kept for members who took diffs and are gone: nobody is owed them any more
                for (Member member : local) {
                    member.offer(frame);
                }
                told = Arrays.asList(local);
            } else {
                told = new ArrayList<>();
                boolean diffs = false;
                for (Member member : local) {
                    boolean sees = anyone || seers.allows(member);
                    if (sees && member.presenceDiffs()) {
                        diffs = true;
                    } else if (sees || member.id().equals(subject)) {
                        member.offer(frame);
                        told.add(member);
                    }
                }
                if (!diffs) {
                    room.takePending(); // no member who takes diffs may see this one: none is owed the ones before it
                }
                int kept = diffs ? room.pend(frame) : 0;
                first = kept == 1;
                if (kept >= MAX_DIFF_EVENTS) { // a storm into a big room: the diff goes now, before it grows past a frame's sense
                    told.addAll(offerDiff(room));
                }
            }
        } finally {
            room.unlock();
        }
        Flushes.flush(told);
        if (first) {
            owing.add(room);
        }
    }

    /**
     * Sends every room's presence diff that is due: the {@code join} and {@code leave} events kept since its last one, in
     * one {@code presenceDiff} frame to its members who take diffs. The container's scheduler calls it every
     * {@code switchboard.rooms.presenceDiffMillis}.
     */
    void flushPresence() {
        // the rooms owing now, not those that come to owe while this runs: they wait for the next period
        for (int due = owing.size(); due > 0; due--) {
            Room room = owing.poll();
            if (room == null) {
                return;
            }
            List<Member> told;
            room.lock();
            try {
                told = offerDiff(room);
            } finally {
                room.unlock();
            }
            Flushes.flush(told);
        }
    }

    /**
     * Offers the room's presence diff, when it owes one, to its members who take diffs and may see presence; returns them
     * (to be flushed). Call with the room's lock held.
     */
    private List<Member> offerDiff(Room room) {
        List<String> events = room.takePending();
        if (events == null || room.closed() || room.diffMembers() == 0) {
            return List.of();
        }
        String head = room.diffHead(name -> BUILDERS.createObjectBuilder().add("room", name).build().toString());
        int length = 80 + head.length();
        for (String event : events) {
            length += event.length() + 1;
        }
        StringBuilder diff = new StringBuilder(length).append("{\"type\":\"event\",\"event\":\"").append(EventNames.PRESENCE_DIFF)
                .append("\",\"data\":").append(head, 0, head.length() - 1).append(",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            diff.append(i == 0 ? "" : ",").append(events.get(i));
        }
        String frame = diff.append("]}}").toString();
        Access seers = room.presence();
        List<Member> told = new ArrayList<>(room.diffMembers());
        for (Member member : room.members()) {
            if (member.presenceDiffs() && (seers.kind() == Access.Kind.ANYONE || seers.allows(member))) {
                member.offer(frame);
                told.add(member);
            }
        }
        if (!told.isEmpty()) {
            meters.sent(EventNames.PRESENCE_DIFF);
        }
        return told;
    }

    /**
     * Fan-out of a {@code say} event through the policies' {@code deliver} hook: the frame as it is where a
     * receiver's message is unchanged, encoded again only for a receiver whose message a policy altered.
     */
    void fanOutFiltered(String key, String frame, JsonObject event, RoomPolicies policies) {
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
        Member[] local;
        room.lock();
        try {
            offerDiff(room);
            local = room.members();
            for (Member member : local) {
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
        Flushes.flush(Arrays.asList(local));
    }
}
