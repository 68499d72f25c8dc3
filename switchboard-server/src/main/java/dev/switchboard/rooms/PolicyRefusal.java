package dev.switchboard.rooms;

import dev.switchboard.protocol.ErrorCode;
import jakarta.ejb.ApplicationException;

/**
 * A {@link RoomPolicy}'s veto: the caller gets this code (usually {@code FORBIDDEN}) and message. An
 * application exception, so that it leaves the registry EJB (where joins are decided) as it is, not wrapped.
 */
@ApplicationException
public class PolicyRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public PolicyRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
