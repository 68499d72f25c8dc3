package dev.switchboard.protocol;

/**
 * Who did something: {@code from} of a {@code say}, {@code member} of a {@code join} or {@code leave}.
 *
 * @param id the connection id
 * @param user the authenticated user, {@code null} for an anonymous connection
 */
public record Peer(String id, String user) {
}
