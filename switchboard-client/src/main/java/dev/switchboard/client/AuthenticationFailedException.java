package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;

/**
 * Re-authentication after a reconnect was refused. Delivered to the error listeners; the client is
 * then {@link Status#ABORTED}.
 */
public final class AuthenticationFailedException extends SwitchboardException {
    public AuthenticationFailedException(ErrorCode code, String message) {
        super(code, "re-authentication after reconnect was refused: " + message);
    }
}
