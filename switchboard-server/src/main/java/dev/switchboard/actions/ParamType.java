package dev.switchboard.actions;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

/** The JSON type a {@link Param} must have. */
public enum ParamType {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    OBJECT("an object"),
    ARRAY("an array"),
    ANY("any value");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    /** "a string", "an integer", …: for messages. */
    public String description() {
        return description;
    }

    boolean accepts(JsonValue value) {
        return switch (this) {
            case STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case INTEGER -> value instanceof JsonNumber number && number.isIntegral();
            case NUMBER -> value.getValueType() == JsonValue.ValueType.NUMBER;
            case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case ANY -> true;
        };
    }
}
