package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;
import java.time.Duration;

/** No reply within the call's timeout, counted from the call (time spent in the spool included). */
public final class CallTimeoutException extends SwitchboardException {
    public CallTimeoutException(String method, Duration timeout, boolean sent) {
        super(ErrorCode.UNAVAILABLE, "no reply to '" + method + "' within " + timeout.toMillis() + " ms"
                + (sent ? "" : "; it was never sent (the client was not connected)"));
    }
}
