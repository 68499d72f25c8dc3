package dev.switchboard.cluster;

import java.util.Objects;

/**
 * One piece of traffic between nodes. For room traffic the frame is already encoded, so every node
 * and every member gets the same text.
 *
 * @param origin the node that published it
 * @param kind what it is, and so what a node does with it
 * @param room the room it concerns, or {@code ""}
 * @param target a connection id or user for direct traffic, or {@code ""}
 * @param frame the encoded frame (room and direct traffic) or the payload of a control message
 */
public record Envelope(String origin, Kind kind, String room, String target, String frame) {

    /** What an envelope carries. */
    public enum Kind {
        /** A frame for every member of {@code room}. */
        ROOM
    }

    public Envelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        room = room == null ? "" : room;
        target = target == null ? "" : target;
        frame = frame == null ? "" : frame;
    }

    /** A frame for every member of a room. */
    public static Envelope room(String origin, String room, String frame) {
        return new Envelope(origin, Kind.ROOM, room, "", frame);
    }
}
