package dev.switchboard.cluster;

import dev.switchboard.protocol.Position;
import java.util.Objects;

/**
 * One piece of traffic between nodes.
 *
 * @param origin the node that published it
 * @param kind what it is, and so what a node does with it
 * @param room the room it concerns, or {@code ""}; of a {@link Kind#DIRECT} frame, its sender's idempotency key (a
 *     repeat of a frame sent within the keys' time is dropped), or {@code ""} for none
 * @param target a connection id or user, or {@code ""}; of a {@link Kind#ROOM} message, its publisher's idempotency
 *     key (a repeat of a message the room's history holds is dropped), or {@code ""} for none
 * @param payload for room and direct traffic the encoded frame, sent to members as it is (encoded
 *     once, the same text on every node); for control traffic a JSON document
 * @param position where a sequenced room message stands in its room, or {@code null}
 * @param user of a {@link Kind#JOIN}: the member's user, or {@code null} (anonymous, or another kind)
 * @param at of a {@link Kind#JOIN}: when the member joined (epoch milliseconds); else 0 — with {@code target}
 *     and {@code user}, what a replica keeps, so that no node parses the frame for it
 */
public record Envelope(String origin, Kind kind, String room, String target, String payload, Position position, String user,
        long at) {

    /** What an envelope carries. */
    public enum Kind {
        /** A frame for every member of {@code room}. */
        ROOM,
        /** A {@code join} frame for {@code room}; {@code target} is the member. Replicas add it. */
        JOIN,
        /** A {@code leave} frame for {@code room}; {@code target} is the member. Replicas remove it. */
        LEAVE,
        /** A frame for the connection whose id, or the connections whose user, is {@code target}. */
        DIRECT,
        /** A connection opened (or its user changed) on the origin; payload {@code {id, user}}. */
        CONNECT,
        /** A connection closed on the origin; {@code target} is its id. */
        DISCONNECT,
        /** A node started (or wants snapshots): every node answers with a snapshot; {@code target} names one node or is empty for all. */
        HELLO,
        /** Everything the origin has: its connections and room members. */
        SNAPSHOT,
        /** The origin is alive; payload its counts, so that a replica that drifted asks for a snapshot. */
        HEARTBEAT,
        /** The origin stops: its members are gone. */
        BYE,
        /** An operator's {@code alert} frame for every member of {@code room}, or every connection when it is {@code ""}. */
        ALERT,
        /**
         * An {@code end} frame for the connection whose id, or the connections whose user, is {@code target}; then
         * they are closed (1008 when the frame says not to come back, else 1001).
         */
        KICK,
        /** The connection whose id, or the connections whose user, is {@code target} join {@code room} (the application's doing). */
        SUBSCRIBE,
        /** The connection whose id, or the connections whose user, is {@code target} leave {@code room} (the application's doing). */
        UNSUBSCRIBE,
        /** An operator revoked a token, or a user's tokens: payload the revocation (JSON); every node keeps it and closes what it covers. */
        REVOKE,
        /**
         * The origin's link to the broker broke under a send (the broker died; its backup took over): every node's topic
         * subscription moved with it, and what the old broker held for one may be gone. Handled by the bus (a gap and a
         * sign of loss on every node that hears it); never delivered.
         */
        LINK_BROKE,
        /**
         * The origin missed forwards of the forwarder {@code target} (a node's sequencer consumer), numbered as the
         * payload says ({@code from-to}): the forwarder's node sends them again, to the origin only, from those it keeps.
         * Handled by the bus; never delivered.
         */
        FORWARDS_WANTED,
        /** An operator, through the origin, asks the node whose id is {@code target} to drain. */
        DRAIN
    }

    /** An envelope without a position or a member: every kind but a sequenced room message and a join. */
    public Envelope(String origin, Kind kind, String room, String target, String payload) {
        this(origin, kind, room, target, payload, null, null, 0);
    }

    /** The same envelope at this position in its room (given by the sequencer). */
    public Envelope at(Position position) {
        return new Envelope(origin, kind, room, target, payload, position, user, at);
    }

    /** A member joined a room on the origin: its {@code join} frame, and who and when for the replicas. */
    public static Envelope join(String origin, String room, String memberId, String user, long at, String frame) {
        return new Envelope(origin, Kind.JOIN, room, memberId, frame, null, user, at);
    }

    public Envelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        room = room == null ? "" : room;
        target = target == null ? "" : target;
        payload = payload == null ? "" : payload;
    }

    /** A frame for every member of a room; with an idempotency key, or {@code null}. */
    public static Envelope room(String origin, String room, String frame, String key) {
        return new Envelope(origin, Kind.ROOM, room, key, frame);
    }

    /** A frame for the connection whose id, or the connections whose user, is {@code target}; {@code key} or {@code null}. */
    public static Envelope direct(String origin, String target, String frame, String key) {
        return new Envelope(origin, Kind.DIRECT, key, target, frame);
    }

    /** The publisher's idempotency key of a room message or a direct frame, or {@code ""}: none, or another kind. */
    public String key() {
        return kind == Kind.ROOM ? target : kind == Kind.DIRECT ? room : "";
    }

    public static Envelope control(String origin, Kind kind, String target, String payload) {
        return new Envelope(origin, kind, "", target, payload);
    }
}
