package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;
import dev.switchboard.protocol.RoomMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One room on this node: its local members, and the lock that puts its traffic in one order. A room
 * removed from the registry when its last member left is {@link #closed} and takes no new members.
 */
final class Room {

    private static final Member[] NONE = new Member[0];

    private final String name;
    private final Access presence;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Membership> members = new LinkedHashMap<>();
    private Member[] snapshot = NONE;
    private boolean closed;
    /** How many of its members asked for presence diffs ({@link Member#presenceDiffs()}). */
    private int diffMembers;
    /** The {@code join} and {@code leave} frames kept for its next presence diff, in their order; {@code null}: none. */
    private List<String> pending;
    /** {@code {"room":"…"}}, the name escaped as JSON: the head of its diffs' data, made at the first. */
    private String diffHead;

    /** @param presence who of its members gets its {@code join} and {@code leave} events (its rule, when it was made) */
    Room(String name, Access presence) {
        this.name = name;
        this.presence = presence;
    }

    String name() {
        return name;
    }

    Access presence() {
        return presence;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Whether it was removed from the registry; call with the lock held. */
    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /**
     * Adds a member; call with the lock held. Returns false when it is a member already.
     *
     * @param lastBefore the room's last message on this node when it joined ({@code null}: none), which a
     *     re-join with {@code since} replays up to: what came after, it got live
     */
    boolean add(Member member, long joinedAt, Position lastBefore) {
        if (members.putIfAbsent(member.id(), new Membership(member, joinedAt, lastBefore)) != null) {
            return false;
        }
        if (member.presenceDiffs()) {
            diffMembers++;
        }
        snapshot = members.values().stream().map(Membership::member).toArray(Member[]::new);
        return true;
    }

    /** The room's last message on this node when the member joined, or {@code null}; call with the lock held. */
    Position lastBeforeJoin(Member member) {
        Membership membership = members.get(member.id());
        return membership == null ? null : membership.lastBefore();
    }

    /** Whether it is a member; call with the lock held. */
    boolean contains(Member member) {
        return members.containsKey(member.id());
    }

    /** Removes a member; call with the lock held. */
    boolean remove(Member member) {
        Membership gone = members.remove(member.id());
        if (gone == null) {
            return false;
        }
        if (gone.member().presenceDiffs()) {
            diffMembers--;
        }
        snapshot = members.isEmpty() ? NONE : members.values().stream().map(Membership::member).toArray(Member[]::new);
        return true;
    }

    int size() {
        return members.size();
    }

    /** The members to send to; call with the lock held, use after releasing it. */
    Member[] members() {
        return snapshot;
    }

    /** How many of its members take presence diffs; call with the lock held. */
    int diffMembers() {
        return diffMembers;
    }

    /**
     * Keeps a {@code join} or {@code leave} frame for the next presence diff; call with the lock held. Returns how many it
     * keeps now: 1, the first since the last diff, makes the room due one.
     */
    int pend(String frame) {
        if (pending == null) {
            pending = new ArrayList<>();
        }
        pending.add(frame);
        return pending.size();
    }

    /** The frames kept for the next diff, now taken, or {@code null}; call with the lock held. */
    List<String> takePending() {
        List<String> taken = pending;
        pending = null;
        return taken;
    }

    /** {@code {"room":"…"}}: made once, by whoever writes its first diff; call with the lock held. */
    String diffHead(Function<String, String> make) {
        if (diffHead == null) {
            diffHead = make.apply(name);
        }
        return diffHead;
    }

    /** The members as the {@code roomView} reply lists them; call with the lock held. */
    List<RoomMember> view() {
        List<RoomMember> view = new ArrayList<>(members.size());
        for (Membership membership : members.values()) {
            view.add(new RoomMember(membership.member().id(), membership.member().user(), membership.joinedAt()));
        }
        return view;
    }

    private record Membership(Member member, long joinedAt, Position lastBefore) {
    }
}
