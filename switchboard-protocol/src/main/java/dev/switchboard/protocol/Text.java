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

    /**
     * Whether JSON text could decode to a string with an unpaired surrogate: it holds a lone surrogate, or a
     * {@code \\uD800}–{@code \\uDFFF} escape. A cheap scan, so that the tree is walked
     * ({@link #isWellFormed(JsonValue)}) only for the rare frame that could need it.
     */
    static boolean maySurrogate(String json) {
        int length = json.length();
        for (int i = 0; i < length; i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
                i++; // a whole character (an emoji) written as it is
                continue;
            }
            if (Character.isSurrogate(c)) {
                return true;
            }
            if (c == '\\' && i + 2 < length && json.charAt(i + 1) == 'u') {
                char first = json.charAt(i + 2);
                char second = i + 3 < length ? json.charAt(i + 3) : ' ';
                if ((first == 'd' || first == 'D') && "89abcdefABCDEF".indexOf(second) >= 0) {
                    return true;
                }
                i++; // the 'u': an escaped backslash "\\\\" is skipped whole below
            } else if (c == '\\') {
                i++;
            }
        }
        return false;
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
