package com.example.chat;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.rooms.PolicyRefusal;
import dev.switchboard.rooms.RoomPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's own room rule: rooms named {@code staff-…} are for signed-in users only. */
@ApplicationScoped
public class StaffRoomsPolicy implements RoomPolicy {

    @Override
    public void join(JoinRequest request) {
        if (request.room().value().startsWith("staff-") && request.member().user() == null) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "staff rooms are for signed-in users");
        }
    }
}
