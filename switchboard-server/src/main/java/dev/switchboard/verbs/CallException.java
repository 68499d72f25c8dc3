package dev.switchboard.verbs;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Failure;

/** A call the server refuses: the caller gets the code and the message; the connection stays open. */
public class CallException extends RuntimeException {

    private final ErrorCode code;
    private final int closeCode;

    public CallException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** A refusal after which the connection is closed with this code (once the error reply is sent). */
    public CallException(ErrorCode code, String message, int closeCode) {
        super(message, null, false, false);
        this.code = code;
        this.closeCode = closeCode;
    }

    /** The close code that follows the error reply, or 0 when the connection stays open. */
    public int closeCode() {
        return closeCode;
    }

    public ErrorCode code() {
        return code;
    }

    public Failure failure() {
        return new Failure(code, getMessage());
    }
}
