package dev.switchboard.it;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.rooms.Member;
import dev.switchboard.rooms.PolicyRefusal;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPolicy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/**
 * A test policy deployed with {@link ExtensionsIT}, for rooms named {@code moderated-…}: user
 * {@code banned} may not join; {@code moderated-hotel} may not be left; a message with "forbidden" is
 * refused and "darn" becomes "d**n" for everyone; receivers named {@code deaf…} do not get messages and
 * {@code shouty…} get them in capitals; a join of {@code moderated-gate-X} waits until {@link HoldActions}' gate X is
 * released.
 */
@ApplicationScoped
@Priority(500)
public class ModerationPolicy implements RoomPolicy {

    @Override
    public void join(JoinRequest request) {
        if (request.room().value().startsWith("moderated-gate-")) {
            // application code that waits: here until the test releases the gate of that name
            HoldActions.block(request.room().value().substring("moderated-gate-".length()));
        }
        if (moderated(request.room()) && "banned".equals(request.member().user())) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "banned from moderated rooms");
        }
    }

    @Override
    public void leave(Member member, RoomName room) {
        if (room.value().equals("moderated-hotel")) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "you can check out any time you like, but you can never leave");
        }
    }

    @Override
    public JsonValue say(Member sender, RoomName room, JsonValue message) {
        if (!moderated(room) || !(message instanceof JsonString text)) {
            return message;
        }
        if (text.getString().contains("forbidden")) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "no forbidden words");
        }
        return Json.createValue(text.getString().replace("darn", "d**n"));
    }

    @Override
    public JsonValue deliver(Member receiver, RoomName room, String fromId, JsonValue message) {
        String user = receiver.user() == null ? "" : receiver.user();
        if (!moderated(room)) {
            return message;
        }
        if (user.startsWith("deaf")) {
            return null;
        }
        if (user.startsWith("shouty") && message instanceof JsonString text) {
            return Json.createValue(text.getString().toUpperCase(Locale.ROOT));
        }
        return message;
    }

    private static boolean moderated(RoomName room) {
        return room.value().startsWith("moderated-");
    }
}
