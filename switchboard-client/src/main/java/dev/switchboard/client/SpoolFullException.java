package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;

/** The client is not connected and already holds as many calls as its spool takes. */
public final class SpoolFullException extends SwitchboardException {
    public SpoolFullException(String method, int spoolSize) {
        super(ErrorCode.UNAVAILABLE, "not connected and the spool is full (" + spoolSize + " calls); '" + method + "' was not sent");
    }
}
