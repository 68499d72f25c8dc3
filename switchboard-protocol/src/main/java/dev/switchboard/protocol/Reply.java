package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to one call, server to client: exactly one of {@code error} and {@code data} is
 * meaningful; the other is {@code null} on the wire.
 *
 * @param type always {@value #TYPE}
 * @param id the id of the call it answers, as the call sent it: a {@link Long} or a {@link String}
 * @param error {@code null} on success
 * @param data the result: a record when the server encodes, a {@code JsonValue} after decoding
 */
@JsonbPropertyOrder({"type", "id", "error", "data"})
public record Reply(String type, Object id, Failure error, Object data) implements Frame {

    public static final String TYPE = "reply";

    public Reply {
        Call.requireId(id);
    }

    /** A successful reply to the call with this id (a {@link Long} or a {@link String}, as it came). */
    public static Reply success(Object id, Object data) {
        return new Reply(TYPE, id, null, data);
    }

    public static Reply success(long id, Object data) {
        return success((Object) id, data);
    }

    /** An error reply to the call with this id (a {@link Long} or a {@link String}, as it came). */
    public static Reply failure(Object id, Failure error) {
        return new Reply(TYPE, id, error, null);
    }

    public static Reply failure(long id, Failure error) {
        return failure((Object) id, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
