package dev.switchboard.verbs;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;

/** A call the server refuses: the caller gets the code and the message; the connection stays open unless a close code is given. */
public class CallException extends SwitchboardFailure {

    public CallException(ErrorCode code, String message) {
        super(code, message);
    }

    /** A refusal after which the connection is closed with this code (once the error reply is sent). */
    public CallException(ErrorCode code, String message, int closeCode) {
        super(code, message, closeCode, null);
    }
}
