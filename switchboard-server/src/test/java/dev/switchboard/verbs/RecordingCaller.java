package dev.switchboard.verbs;

import dev.switchboard.protocol.Details;
import dev.switchboard.security.Identity;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A connection without a socket: it records the frames it is given, in order. For unit tests. */
public class RecordingCaller implements Caller {

    private final String id;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final List<String> frames = Collections.synchronizedList(new ArrayList<>());
    private volatile int closeCode;
    private volatile int received;
    private volatile Identity identity;
    private final AtomicInteger authFailures = new AtomicInteger();
    private final AtomicInteger actions = new AtomicInteger();
    private final ReplyOrder replies = new ReplyOrder(frames::add, () -> { });

    public RecordingCaller(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String user() {
        return identity == null ? null : identity.user();
    }

    @Override
    public Set<String> roles() {
        return identity == null ? Set.of() : identity.roles();
    }

    @Override
    public void authenticate(Identity identity) {
        this.identity = identity;
    }

    @Override
    public int authFailed() {
        return authFailures.incrementAndGet();
    }

    @Override
    public Principal principal() {
        return null;
    }

    @Override
    public Set<String> principalRoles() {
        return Set.of();
    }

    @Override
    public boolean startAction(int max) {
        if (actions.incrementAndGet() > max) {
            actions.decrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public void actionEnded() {
        actions.decrementAndGet();
    }

    /** Actions running now. */
    public int runningActions() {
        return actions.get();
    }

    @Override
    public void reply(String frame) {
        if (!replies.queueBehindWaiting(frame)) {
            frames.add(frame);
        }
    }

    @Override
    public ReplySlot reserveReply() {
        return replies.reserve();
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public void offer(String frame) {
        frames.add(frame);
    }

    @Override
    public void flush() {
    }

    @Override
    public Details details() {
        return new Details(id, id, "127.0.0.1", 0, rooms.stream().sorted().toList(), user(), received, frames.size(), null);
    }

    @Override
    public void send(String frame) {
        frames.add(frame);
    }

    @Override
    public void received() {
        received++;
    }

    @Override
    public void closeAfterQueued(int code, String reason) {
        closeCode = code;
    }

    /** The frames given so far, oldest first. */
    public List<String> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** The frames given so far, then forgotten. */
    public List<String> take() {
        synchronized (frames) {
            List<String> taken = List.copyOf(frames);
            frames.clear();
            return taken;
        }
    }

    /** The close code asked for, 0 while none. */
    public int closeCode() {
        return closeCode;
    }
}
