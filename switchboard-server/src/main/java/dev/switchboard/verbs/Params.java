package dev.switchboard.verbs;

import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Position;
import dev.switchboard.rooms.RoomName;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/** The params of a call, read with the checks and messages every handler needs. */
public final class Params {

    private final JsonObject json;

    public Params(JsonObject json) {
        this.json = json;
    }

    public JsonObject json() {
        return json;
    }

    /** A required string param. */
    public String string(String name) {
        JsonValue value = json.get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadParamsException(expected(name, "a string", value));
    }

    /** An optional string param: {@code null} when absent or {@code null}. */
    public String optionalString(String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadParamsException(expected(name, "a string", value));
    }

    /** An optional object param: empty when absent or {@code null}. */
    public JsonObject optionalObject(String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new BadParamsException(expected(name, "an object", value));
    }

    /**
     * An optional object of positions by room ({@code {"user:ann": {epoch, offset}, …}}); empty when absent. What is
     * no position is left out: it only makes a recovery less complete.
     */
    public Map<String, Position> positions(String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new BadParamsException(expected(name, "an object of positions by room", value));
        }
        Map<String, Position> positions = new java.util.HashMap<>();
        object.forEach((room, position) -> {
            Position parsed = Position.of(position);
            if (parsed != null) {
                positions.put(room, parsed);
            }
        });
        return positions;
    }

    /** The optional {@code since} param: a position ({@code {epoch, offset}}), or {@code null} when absent. */
    public Position since() {
        JsonValue value = json.get("since");
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        Position position = Position.of(value);
        if (position == null) {
            throw new BadParamsException(expected("since", "a position {epoch, offset}", value));
        }
        return position;
    }

    /** An optional integer param from {@code min} to {@code max}, else the default. */
    public int optionalInt(String name, int fallback, int min, int max) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (value instanceof jakarta.json.JsonNumber number && number.isIntegral()
                && number.longValue() >= min && number.longValue() <= max) {
            return number.intValue();
        }
        throw new BadParamsException(expected(name, "an integer from " + min + " to " + max, value));
    }

    /** A required param of any JSON type but {@code null}. */
    public JsonValue value(String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            throw new BadParamsException(expected(name, "a value", value));
        }
        return value;
    }

    /** The required {@code room} param, a valid room name. */
    public RoomName room() {
        String room = string("room");
        try {
            return new RoomName(room);
        } catch (IllegalArgumentException e) {
            throw new BadParamsException("param 'room': " + e.getMessage());
        }
    }

    private static String expected(String name, String what, JsonValue got) {
        if (got == null) {
            return "missing param '" + name + "': expected " + what;
        }
        return "expected param '" + name + "' to be " + what + ", got " + FrameCodec.kindOf(got);
    }
}
