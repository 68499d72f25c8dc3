package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Something that happened, server to client: {@code {"type":"event","event":"say","data":{…}}}.
 *
 * @param type always {@value #TYPE}
 * @param event the event name ({@code welcome}, {@code say}, {@code join}, {@code leave},
 *     {@code error}, …)
 * @param data the payload: a record when the server encodes, a {@code JsonValue} after decoding
 */
@JsonbPropertyOrder({"type", "event", "data"})
public record Event(String type, String event, Object data) implements Frame {

    public static final String TYPE = "event";

    public static Event of(String event, Object data) {
        return new Event(TYPE, event, data);
    }
}
