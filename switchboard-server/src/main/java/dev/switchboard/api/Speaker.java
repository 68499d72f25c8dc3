package dev.switchboard.api;

import dev.switchboard.rooms.Member;
import java.util.Set;

/**
 * The application as the room policies see it when it publishes: no connection ({@code id} null), in no room, the
 * user it speaks for or {@code null}. It receives nothing.
 */
record Speaker(String user) implements Member {

    @Override
    public String id() {
        return null;
    }

    @Override
    public Set<String> rooms() {
        return Set.of();
    }

    @Override
    public void offer(String frame) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void closeAfterQueued(int closeCode, String reason) {
    }
}
