package dev.switchboard.protocol;

/**
 * The data of a {@code roomLeave} or {@code silenceRoom} reply.
 *
 * @param room the room it left
 */
public record LeaveResult(String room) {
}
