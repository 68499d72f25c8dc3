package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The data of a {@code roomView} reply.
 *
 * @param room the room
 * @param membersCount how many members it has
 * @param members the members, in the order they joined
 */
@JsonbPropertyOrder({"room", "membersCount", "members"})
public record RoomView(String room, int membersCount, List<RoomMember> members) {
}
