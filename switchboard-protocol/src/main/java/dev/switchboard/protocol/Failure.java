package dev.switchboard.protocol;

import java.util.Objects;

/**
 * The {@code error} object of a reply or the data of an {@code error} event: a code from the closed
 * set and a human-readable message.
 *
 * @param code what went wrong, for programs
 * @param message what went wrong, for people ("expected … got …")
 */
public record Failure(ErrorCode code, String message) {
    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
