package dev.switchboard.rooms;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;
import jakarta.ejb.ApplicationException;

/**
 * A {@link RoomPolicy}'s veto: the caller gets this code (usually {@code FORBIDDEN}) and message; the
 * connection stays open. An application exception, so that it leaves the registry EJB (where joins are
 * decided) as it is, not wrapped.
 */
@ApplicationException
public class PolicyRefusal extends SwitchboardFailure {

    private static final long serialVersionUID = 1L;

    public PolicyRefusal(ErrorCode code, String message) {
        super(code, message);
    }
}
