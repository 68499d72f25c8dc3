package dev.switchboard.config;

import java.util.function.Function;

/**
 * One named setting and its default.
 *
 * @param name the system property, for example {@code switchboard.maxFrameBytes}
 * @param defaultValue the value when neither the property nor its environment variable is set
 */
public record Setting(String name, String defaultValue) {

    /** {@code switchboard.maxFrameBytes} → {@code SWITCHBOARD_MAX_FRAME_BYTES}. */
    public static String environmentName(String name) {
        StringBuilder env = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if (c == '.') {
                env.append('_');
            } else if (Character.isUpperCase(c)) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString();
    }

    String read(Function<String, String> source) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    IllegalStateException invalid(String value, String expected) {
        return new IllegalStateException(
                "Setting " + name + " (or " + environmentName(name) + ") is '" + value + "', expected " + expected);
    }
}
