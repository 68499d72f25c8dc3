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

    public ClusterUnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, 0, cause);
    }

    @Override
    public Failure failure() {
        return new Failure(ErrorCode.UNAVAILABLE, "the cluster is unavailable; try again");
    }
}
