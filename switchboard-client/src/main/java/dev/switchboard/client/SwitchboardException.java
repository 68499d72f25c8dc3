package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;

/**
 * A call that did not succeed. {@link #code()} is the server's error code for a refused call, or
 * {@link ErrorCode#UNAVAILABLE} for a call the client could not complete (see the subclasses).
 */
public class SwitchboardException extends RuntimeException {

    private final ErrorCode code;

    public SwitchboardException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
