package dev.switchboard.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Encodes frames to JSON text and decodes JSON text to frames, for both directions of protocol v1.
 *
 * <p>Encoding goes through JSON-B (records, {@code null} written as {@code null} so that a reply always
 * has both {@code error} and {@code data}), but for the frames of the hot paths, which JSON-P's generator writes
 * ({@link FrameWriter}: the same text, without the default mapping's reflection). Decoding reads a JSON-P tree
 * and checks the shape field by field, so that a broken frame gets a message that says what was expected and what
 * came instead. Unknown fields are ignored. Instances are thread-safe; make one and share it.
 */
public final class FrameCodec implements AutoCloseable {

    private final Jsonb jsonb;
    private final JsonReaderFactory readers;
    private final JsonGeneratorFactory generators;

    public FrameCodec() {
        this.jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
        this.generators = Json.createGeneratorFactory(Map.of());
        this.readers = Json.createReaderFactory(Map.of());
    }

    /**
     * The codec of this class loader's WebSocket {@link FrameEncoder}s and {@link FrameDecoder}s: the container
     * makes those per connection, and a codec (a JSON-B context) is not cheap to make.
     */
    static FrameCodec shared() {
        return Shared.CODEC;
    }

    private static final class Shared {
        static final FrameCodec CODEC = new FrameCodec();
    }

    /** The JSON text of a frame, the same for every receiver: encode a broadcast once. */
    public String encode(Frame frame) {
        String text = FrameWriter.direct(frame, generators);
        return text != null ? text : jsonb.toJson(frame);
    }

    /** Reads a JSON document into a type, for payloads that are not frames. */
    public <T> T decodeValue(String text, Class<T> type) {
        return jsonb.fromJson(text, type);
    }

    /** The JSON text of any value, for payloads that are not frames. */
    public String encodeValue(Object value) {
        return jsonb.toJson(value);
    }

    /**
     * Reads one frame.
     *
     * @throws FrameException when the text is not JSON, not an object, or not a frame of v1
     */
    public Frame decode(String text) {
        JsonObject object = parseObject(text);
        Object id = readId(object);
        String type = requireString(object, "type", id);
        return switch (type) {
            case Call.TYPE -> readCall(object, id);
            case Reply.TYPE -> readReply(object, id);
            case Event.TYPE -> new Event(Event.TYPE, requireString(object, "event", id), dataOf(object));
            default -> throw new FrameException(
                    "expected 'type' to be one of 'method', 'reply', 'event', got '" + type + "'", id);
        };
    }

    /**
     * Reads one frame a client sent to a server. Every string in it, names included, must be whole
     * characters: JSON's escapes let a lone surrogate through (a browser sends one for a cut emoji),
     * which UTF-8 cannot encode, so no member could be sent it — such a frame is refused here, once, for
     * every method.
     *
     * @throws FrameException when it is not a well-formed {@code method} frame
     */
    public Call decodeCall(String text) {
        JsonObject object = parseObject(text);
        Object id = readId(object);
        if (Text.maySurrogate(text) && !Text.isWellFormed(object)) {
            throw new FrameException("expected text of whole characters, got an unpaired surrogate (a '\\ud800'-"
                    + "'\\udfff' escape without its other half)", id);
        }
        String type = requireString(object, "type", id);
        if (!Call.TYPE.equals(type)) {
            throw new FrameException("expected 'type' to be 'method', got '" + type + "'", id);
        }
        return readCall(object, id);
    }

    /** Parses a JSON value that is not a frame, for example the params of a call. */
    public JsonValue parse(String text) {
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            // JsonException and IllegalStateException as the API says, and a plain RuntimeException from
            // Parsson past its nesting limit ("Input is too deeply nested 1,000"; found by HostileIT)
            throw new FrameException("not valid JSON: " + e.getMessage(), null);
        }
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close JSON-B", e);
        }
    }

    private JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new FrameException("expected a JSON object, got " + kindOf(value), null);
    }

    /** An integer id as a {@link Long}, a string id as a {@link String}: echoed in the reply as it came. */
    private static Object readId(JsonObject object) {
        JsonValue id = object.get("id");
        if (id == null || id == JsonValue.NULL) {
            return null;
        }
        if (id instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                throw new FrameException("expected 'id' to be an integer of at most 64 bits, got " + number, null);
            }
        }
        if (id instanceof JsonString string) {
            String text = string.getString();
            if (text.length() > Call.MAX_ID_LENGTH) {
                throw new FrameException("expected 'id' to be a string of at most " + Call.MAX_ID_LENGTH
                        + " characters, got " + text.length(), null);
            }
            if (!Text.isWellFormed(text)) {
                throw new FrameException("expected 'id' to be a string of whole characters, got an unpaired surrogate", null);
            }
            return text;
        }
        throw new FrameException("expected 'id' to be an integer or a string, got " + kindOf(id), null);
    }

    private static String requireString(JsonObject object, String field, Object id) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new FrameException("expected '" + field + "' to be a string, got " + kindOf(value), id);
    }

    private static Call readCall(JsonObject object, Object id) {
        return new Call(Call.TYPE, id, requireString(object, "method", id), readParams(object, id));
    }

    private static JsonObject readParams(JsonObject object, Object id) {
        JsonValue params = object.get("params");
        if (params == null || params == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (params instanceof JsonObject paramsObject) {
            return paramsObject;
        }
        throw new FrameException("expected 'params' to be an object, got " + kindOf(params), id);
    }

    private static Reply readReply(JsonObject object, Object id) {
        if (id == null) {
            throw new FrameException("expected a reply to carry the 'id' of its call", null);
        }
        JsonValue error = object.get("error");
        if (error == null || error == JsonValue.NULL) {
            return new Reply(Reply.TYPE, id, null, dataOf(object));
        }
        if (!(error instanceof JsonObject errorObject)) {
            throw new FrameException("expected 'error' to be an object or null, got " + kindOf(error), id);
        }
        String code = requireString(errorObject, "code", id);
        JsonValue message = errorObject.get("message");
        ErrorCode errorCode;
        try {
            errorCode = ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new FrameException("expected 'error.code' to be a protocol v1 code, got '" + code + "'", id);
        }
        String text = message instanceof JsonString string ? string.getString() : code;
        return new Reply(Reply.TYPE, id, new Failure(errorCode, text), null);
    }

    private static Object dataOf(JsonObject object) {
        JsonValue data = object.get("data");
        return data == JsonValue.NULL ? null : data;
    }

    /**
     * Whether every string in the value, names included, is whole characters (no unpaired surrogate): what
     * comes from outside and goes to clients — frames, an operator's alert — must be, or no one could be sent it.
     */
    public static boolean isWholeText(JsonValue value) {
        return Text.isWellFormed(value);
    }

    /** {@link #isWholeText(JsonValue)} for one string (a path, a name). */
    public static boolean isWholeText(String text) {
        return Text.isWellFormed(text);
    }

    /** "a string", "a number", …: for messages that say what came instead of what was expected. */
    public static String kindOf(JsonValue value) {
        if (value == null) {
            return "nothing";
        }
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
