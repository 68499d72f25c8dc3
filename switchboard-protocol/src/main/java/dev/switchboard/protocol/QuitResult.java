package dev.switchboard.protocol;

/**
 * The data of a {@code quit} reply; the server closes the connection (1000) right after it.
 *
 * @param closing always true
 */
public record QuitResult(boolean closing) {
}
