package dev.switchboard.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One setting, declared once: its name, its default, how a value is read (type and bounds), and what it
 * means. {@link Settings} holds every one of them as a constant and reads each once, at deployment.
 *
 * @param name the property, for example {@code switchboard.maxFrameBytes}; its environment variable is
 *     {@link #environmentName(String) SWITCHBOARD_MAX_FRAME_BYTES}
 * @param defaultValue the value when no source has one
 * @param parser turns a value into the setting's type, or throws {@link Invalid} with what was expected
 * @param doc what it means, one sentence (docs/operations.md lists them)
 * @param secret whether its value is never logged
 * @param <T> what the setting is
 */
public record Setting<T>(String name, String defaultValue, Parser<T> parser, String doc, boolean secret) {

    /** Reads a value (never {@code null}: absent and blank values are the default). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String value) throws Invalid;
    }

    /** A value that does not parse; the message says what was expected. */
    public static final class Invalid extends Exception {
        public Invalid(String expected) {
            super(expected, null, false, false);
        }
    }

    /** An integer from {@code min} to {@code max}. */
    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new Setting<>(name, String.valueOf(defaultValue), value -> {
            try {
                int parsed = Integer.parseInt(value.strip());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new Invalid("an integer from " + min + " to " + max);
        }, doc, false);
    }

    /** {@code true} or {@code false}, in any case. */
    public static Setting<Boolean> flag(String name, boolean defaultValue, String doc) {
        return new Setting<>(name, String.valueOf(defaultValue), value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Invalid("'true' or 'false'");
        }, doc, false);
    }

    /** Any text, stripped. */
    public static Setting<String> text(String name, String defaultValue, String doc) {
        return new Setting<>(name, defaultValue, String::strip, doc, false);
    }

    /** A key: never logged; empty, or at least {@code minLength} characters. */
    public static Setting<String> secret(String name, int minLength, String doc) {
        return new Setting<>(name, "", value -> {
            if (!value.isEmpty() && value.length() < minLength) {
                throw new Invalid("at least " + minLength + " characters (it has " + value.length() + ")");
            }
            return value;
        }, doc, true);
    }

    /** A comma-separated list, each item stripped; {@code none} is the empty list. */
    public static Setting<List<String>> list(String name, String defaultValue, String doc) {
        return new Setting<>(name, defaultValue, value -> value.strip().equals("none") ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList(), doc, false);
    }

    /** A comma-separated set of names, as {@link #list}. */
    public static Setting<Set<String>> names(String name, String defaultValue, String doc) {
        Setting<List<String>> list = list(name, defaultValue, doc);
        return new Setting<>(name, defaultValue, value -> Set.copyOf(list.parser().parse(value)), doc, false);
    }

    /** A Java regular expression; empty is {@code null} (none). */
    public static Setting<Pattern> pattern(String name, String doc) {
        return new Setting<>(name, "", value -> {
            try {
                return value.isEmpty() ? null : Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new Invalid("a Java regular expression (" + e.getDescription() + ")");
            }
        }, doc, false);
    }

    /** One of a few names (case-insensitive), each standing for a value. */
    public static <T> Setting<T> choice(String name, String defaultValue, Map<String, T> choices, String doc) {
        Map<String, T> byName = choices.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        String expected = choices.keySet().stream().sorted().map(choice -> "'" + choice + "'").collect(Collectors.joining(" or "));
        return new Setting<>(name, defaultValue, value -> {
            T chosen = byName.get(value.strip().toLowerCase(Locale.ROOT));
            if (chosen == null) {
                throw new Invalid(expected);
            }
            return chosen;
        }, doc, false);
    }

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

    /** The value of this setting from the source ({@code null} there: the default). */
    T read(Function<String, String> source) {
        String value = source.apply(name);
        String raw = value == null || value.isBlank() ? defaultValue : value;
        try {
            return parser.parse(raw);
        } catch (Invalid e) {
            throw invalid(secret ? "(" + raw.length() + " characters)" : raw, e.getMessage());
        }
    }

    IllegalStateException invalid(String value, String expected) {
        return new IllegalStateException(
                "Setting " + name + " (or " + environmentName(name) + ") is '" + value + "', expected " + expected);
    }
}
