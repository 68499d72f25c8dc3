package dev.switchboard.protocol;

/**
 * The data of a {@code ping} reply.
 *
 * @param time the server's clock, epoch milliseconds
 */
public record Pong(long time) {
}
