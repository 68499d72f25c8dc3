package dev.switchboard.verbs;

import dev.switchboard.protocol.ErrorCode;

/** A param is missing, of the wrong type, or out of range. */
public final class BadParamsException extends CallException {
    public BadParamsException(String message) {
        super(ErrorCode.BAD_PARAMS, message);
    }
}
