package dev.switchboard.client;

import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The server's events as records, for {@link SwitchboardClient#on(Class, java.util.function.Consumer)}: each record is
 * the data of one event (docs/protocol.md, "Events"), read by JSON-B — only when a typed listener is there.
 */
public final class Events {

    /** {@code say}: a member said something, or the application published to the room ({@code from.id} null). */
    public record SayEvent(String room, Peer from, JsonValue message, String messageId, long sentAt, Position position) {
    }

    /** {@code join}: a member joined a room you are in. */
    public record JoinEvent(String room, Peer member, long at) {
    }

    /** {@code leave}: a member left a room you are in. */
    public record LeaveEvent(String room, Peer member, long at) {
    }

    /** {@code tell}: a direct message to you. */
    public record TellEvent(Peer from, String to, JsonValue message, String messageId, long sentAt) {
    }

    /** {@code alert}: an operator's notice to a room ({@code room} set) or to everyone. */
    public record AlertEvent(String room, JsonValue message, long sentAt) {
    }

    /** {@code end}: the server ends the connection, and says whether and when to come back. */
    public record EndEvent(boolean reconnect, long retryAfterMs, String reason) {
    }

    /** {@code tokenExpiring}: the token this connection authenticated with expires soon. */
    public record TokenExpiringEvent(long expiresAt, long inMs) {
    }

    /** {@code error}: the server refused a frame it could not answer with a reply (no id). */
    public record ErrorEvent(String code, String message) {
    }

    static final Map<Class<?>, String> NAMES = Map.of(SayEvent.class, "say", JoinEvent.class, "join", LeaveEvent.class, "leave",
            TellEvent.class, "tell", AlertEvent.class, "alert", EndEvent.class, "end", TokenExpiringEvent.class, "tokenExpiring",
            ErrorEvent.class, "error");

    private Events() {
    }

    /** The event name of a record type; an {@link IllegalArgumentException} for a type that is none. */
    static String nameOf(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no event is read as " + type.getName() + "; expected one of " + NAMES.keySet());
        }
        return name;
    }

    /** Reads JSON into a record (the data of an event, or of a reply) with JSON-B. */
    static <T> T read(JsonValue data, Class<T> type) {
        return Holder.CODEC.decodeValue(data.toString(), type);
    }

    /** Made on first use: a client that never asks for records never builds a JSON-B context. */
    private static final class Holder {
        static final FrameCodec CODEC = new FrameCodec();
    }
}
