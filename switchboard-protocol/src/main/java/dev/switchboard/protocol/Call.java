package dev.switchboard.protocol;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A method call, client to server: {@code {"type":"method","id":7,"method":"say","params":{…}}}.
 *
 * @param type always {@value #TYPE}
 * @param id chosen by the client and echoed in exactly one reply, as sent: a {@link Long} (an integer of
 *     at most 64 bits) or a {@link String} of at most {@value #MAX_ID_LENGTH} characters; {@code null} asks
 *     for no reply
 * @param method the method name
 * @param params the parameters, an empty object when the frame has none
 */
@JsonbPropertyOrder({"type", "id", "method", "params"})
public record Call(String type, Object id, String method, JsonObject params) implements Frame {

    public static final String TYPE = "method";

    /** The longest string id a call may carry (a UUID has 36 characters). */
    public static final int MAX_ID_LENGTH = 128;

    public Call {
        requireId(id);
    }

    public static Call of(Object id, String method, JsonObject params) {
        return new Call(TYPE, id, method, params);
    }

    /** Checks that an id is one a frame may carry: {@code null}, a {@link Long} or a short {@link String}. */
    static Object requireId(Object id) {
        if (id == null || id instanceof Long || id instanceof String string && string.length() <= MAX_ID_LENGTH) {
            return id;
        }
        throw new IllegalArgumentException("an id is a Long or a String of at most " + MAX_ID_LENGTH
                + " characters, got " + id.getClass().getSimpleName());
    }

    /** Whether the caller expects a reply. */
    public boolean wantsReply() {
        return id != null;
    }
}
