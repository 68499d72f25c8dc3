package dev.switchboard.cluster;

import java.util.Objects;

/**
 * One piece of room traffic on its way to the members: the frame is already encoded, so every node
 * and every member gets the same text.
 *
 * @param origin the node that published it
 * @param room the room whose members receive it
 * @param frame the encoded frame, sent as it is
 */
public record Envelope(String origin, String room, String frame) {
    public Envelope {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(frame, "frame");
    }
}
