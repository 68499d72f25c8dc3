package dev.switchboard.protocol;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A method call, client to server: {@code {"type":"method","id":7,"method":"say","params":{…}}}.
 *
 * @param type always {@value #TYPE}
 * @param id chosen by the client and echoed in exactly one reply; {@code null} asks for no reply
 * @param method the method name
 * @param params the parameters, an empty object when the frame has none
 */
@JsonbPropertyOrder({"type", "id", "method", "params"})
public record Call(String type, Long id, String method, JsonObject params) implements Frame {

    public static final String TYPE = "method";

    public static Call of(Long id, String method, JsonObject params) {
        return new Call(TYPE, id, method, params);
    }

    /** Whether the caller expects a reply. */
    public boolean wantsReply() {
        return id != null;
    }
}
