package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;

/**
 * A call that did not succeed. {@link #code()} is the server's error code for a refused call, or
 * {@link ErrorCode#UNAVAILABLE} for a call the client could not complete (see the subclasses). The
 * protocol's one failure type, as the server's refusals are.
 */
public class SwitchboardException extends SwitchboardFailure {

    public SwitchboardException(ErrorCode code, String message) {
        super(code, message, 0, null, true);
    }
}
