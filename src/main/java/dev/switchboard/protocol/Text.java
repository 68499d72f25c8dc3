package dev.switchboard.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/** Checks on decoded text that JSON itself lets through. */
final class Text {

    private Text() {
    }

    /**
     * Whether every surrogate in the text is half of a pair. JSON's {@code \\uD83D} escape decodes to a lone
     * surrogate, which is no character: UTF-8 cannot encode it, so it cannot be sent back to anyone.
     */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every string in the value, object keys included, is {@linkplain #isWellFormed(String) well formed}. */
    static boolean isWellFormed(JsonValue value) {
        if (value instanceof JsonString string) {
            return isWellFormed(string.getString());
        }
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> field : object.entrySet()) {
                if (!isWellFormed(field.getKey()) || !isWellFormed(field.getValue())) {
                    return false;
                }
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!isWellFormed(item)) {
                    return false;
                }
            }
        }
        return true;
    }
}
