package dev.switchboard.client;

import java.time.Duration;

/**
 * How one call is made.
 *
 * @param noReply send without an id: the server sends no reply and the future completes with
 *     {@code JsonValue.NULL} once the frame is written (a failure comes as an {@code error} event)
 * @param force send now if a socket is open, even before auth and rooms are replayed; never spool
 * @param timeout how long to wait for the reply, counted from the call; {@code null} for the
 *     client's default
 */
public record CallOptions(boolean noReply, boolean force, Duration timeout) {

    public static final CallOptions DEFAULTS = new CallOptions(false, false, null);

    public static CallOptions noReplyCall() {
        return new CallOptions(true, false, null);
    }

    public CallOptions withTimeout(Duration timeout) {
        return new CallOptions(noReply, force, timeout);
    }

    public CallOptions forced() {
        return new CallOptions(noReply, true, timeout);
    }
}
