package dev.switchboard.api;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;
import java.time.Duration;

/**
 * A message went to the cluster, but its place in the room's order did not come back in time
 * ({@code switchboard.api.publishTimeoutMillis}): it may still reach the room. {@code UNAVAILABLE}: send it again
 * with the same idempotency key, and it is sent at most once.
 */
public final class PositionTimeoutException extends SwitchboardFailure {

    public PositionTimeoutException(String room, String messageId, Duration waited) {
        super(ErrorCode.UNAVAILABLE, "message " + messageId + " to room '" + room + "' was sent, but its position did not come back within "
                + waited.toMillis() + " ms; it may still arrive: send it again with the same key to be sure it arrives once");
    }
}
