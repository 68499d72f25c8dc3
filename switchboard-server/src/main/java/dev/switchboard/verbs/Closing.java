package dev.switchboard.verbs;

/**
 * A result that asks the dispatcher to send the reply and then close the connection, for example
 * {@code quit}.
 *
 * @param data the reply data
 * @param closeCode the WebSocket close code
 * @param reason the close reason
 */
public record Closing(Object data, int closeCode, String reason) {
}
