package dev.switchboard.verbs;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.rooms.RoomName;

/** The call names a room the caller is not a member of. */
public final class NotInRoomException extends CallException {
    public NotInRoomException(RoomName room) {
        super(ErrorCode.NOT_IN_ROOM, "not a member of room '" + room + "'; join it with roomAdd first");
    }
}
