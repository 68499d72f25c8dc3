package dev.switchboard.protocol;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * Where a message stands in its room, the same on every node: the {@code epoch} of the node that put
 * it in order (its sequencer, or the node itself when it runs alone) and its {@code offset} there,
 * counted per room from 1. A message's position never changes; positions of one epoch grow along the
 * room's order. Clients send the last one they saw as {@code since} to recover what they missed.
 */
@JsonbPropertyOrder({"epoch", "offset"})
public record Position(String epoch, long offset) {

    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    public JsonObject toJson() {
        return BUILDERS.createObjectBuilder().add("epoch", epoch).add("offset", offset).build();
    }

    /**
     * The same text as {@code toJson().toString()}, {@code {"epoch":"…","offset":n}}, written without a JSON writer (whose
     * making cost a fifth of splicing a position into a room message); through the writer for an epoch with a character
     * JSON escapes, which Switchboard's epochs never have.
     */
    public String toJsonText() {
        for (int i = 0; i < epoch.length(); i++) {
            char c = epoch.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return toJson().toString();
            }
        }
        return "{\"epoch\":\"" + epoch + "\",\"offset\":" + offset + "}";
    }

    /** The position in a JSON value, or {@code null} when it is not one. */
    public static Position of(JsonValue value) {
        if (value instanceof JsonObject object && object.get("epoch") instanceof JsonString epoch
                && object.get("offset") instanceof JsonNumber offset && offset.isIntegral()) {
            return new Position(epoch.getString(), offset.longValue());
        }
        return null;
    }
}
