package dev.switchboard.cluster;

import jakarta.ejb.ApplicationException;

/**
 * The cluster bus could not take a message (the broker is down or unreachable). Callers answer
 * {@code UNAVAILABLE}; nobody's connection is closed for it. An application exception, so that it
 * reaches callers of the registry EJB as it is, not wrapped.
 */
@ApplicationException
public final class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
