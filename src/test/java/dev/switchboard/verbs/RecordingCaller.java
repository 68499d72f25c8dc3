package dev.switchboard.verbs;

import dev.switchboard.protocol.Details;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A connection without a socket: it records the frames it is given, in order. For unit tests. */
public final class RecordingCaller implements Caller {

    private final String id;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final List<String> frames = Collections.synchronizedList(new ArrayList<>());
    private volatile int closeCode;
    private volatile int received;

    public RecordingCaller(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String user() {
        return null;
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
        return new Details(id, id, "127.0.0.1", 0, rooms.stream().sorted().toList(), null, received, frames.size());
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
