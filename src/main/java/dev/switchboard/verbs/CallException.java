package dev.switchboard.verbs;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Failure;

/** A call the server refuses: the caller gets the code and the message; the connection stays open. */
public class CallException extends RuntimeException {

    private final ErrorCode code;

    public CallException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public Failure failure() {
        return new Failure(code, getMessage());
    }
}
