package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;

/** The client was closed, or gave up, before the call could complete. */
public final class ClientClosedException extends SwitchboardException {
    public ClientClosedException(String method, Status status) {
        super(ErrorCode.UNAVAILABLE, "the client is " + status + "; '" + method + "' did not complete");
    }
}
