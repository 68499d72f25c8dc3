package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;

/**
 * The connection dropped after the call was sent and before its reply came: the server may or may
 * not have run it. The client never sends it again (it would risk running it twice).
 */
public final class ConnectionLostException extends SwitchboardException {
    public ConnectionLostException(String method) {
        super(ErrorCode.UNAVAILABLE, "the connection dropped after '" + method + "' was sent and before its reply; it may or may not have run");
    }
}
