package dev.switchboard.cluster;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Failure;
import dev.switchboard.protocol.SwitchboardFailure;
import jakarta.ejb.ApplicationException;

/**
 * The cluster bus could not take a message (the broker is down or unreachable): {@code UNAVAILABLE}, and
 * nobody's connection is closed for it; the caller is told to try again, not what the broker said. An
 * application exception, so that it reaches callers of the registry EJB as it is, not wrapped.
 */
@ApplicationException
public final class ClusterUnavailableException extends SwitchboardFailure {

    private static final String TRY_AGAIN = "the cluster is unavailable; try again";

    /** What the caller is told: never the broker's own words. */
    private final String told;

    public ClusterUnavailableException(String message, Throwable cause) {
        this(message, cause, TRY_AGAIN);
    }

    private ClusterUnavailableException(String message, Throwable cause, String told) {
        super(ErrorCode.UNAVAILABLE, message, 0, cause);
        this.told = told;
    }

    /** The bus took a message and never brought it back in time: whether it will still be delivered is unknown. */
    public static ClusterUnavailableException unplaced(String messageId, long waitedMillis) {
        String told = "message " + messageId + " got no place in its room's order within " + waitedMillis
                + " ms: it may or may not have been sent; a repeat with its key is safe";
        return new ClusterUnavailableException(told, null, told);
    }

    /** The first call with this key is still being sent from this node, and may yet fail: the repeat cannot be answered. */
    public static ClusterUnavailableException stillSending() {
        String told = "the first call with this key is still being sent: whether it will be is not known yet; a repeat"
                + " with its key is safe";
        return new ClusterUnavailableException(told, null, told);
    }

    @Override
    public Failure failure() {
        return new Failure(ErrorCode.UNAVAILABLE, told);
    }
}
