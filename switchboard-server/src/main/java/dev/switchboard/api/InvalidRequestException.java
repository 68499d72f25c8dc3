package dev.switchboard.api;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;

/** What the application asked of {@link Switchboard} cannot be done as asked ({@code BAD_PARAMS}): a bad name, a reserved event. */
public final class InvalidRequestException extends SwitchboardFailure {

    public InvalidRequestException(String message) {
        super(ErrorCode.BAD_PARAMS, message);
    }
}
