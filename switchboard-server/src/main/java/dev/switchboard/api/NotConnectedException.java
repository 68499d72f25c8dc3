package dev.switchboard.api;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.SwitchboardFailure;

/** No connection of the user, or with the id, is open anywhere in the cluster ({@code NOT_FOUND}), as a client's {@code tell} is told. */
public final class NotConnectedException extends SwitchboardFailure {

    public NotConnectedException(Target target) {
        super(ErrorCode.NOT_FOUND, "no " + (target.kind() == Target.Kind.USER ? "user" : "connection") + " '" + target.name()
                + "' is connected");
    }
}
