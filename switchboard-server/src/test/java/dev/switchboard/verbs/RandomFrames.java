package dev.switchboard.verbs;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of hostile text for {@link FrameFuzzTest}: any text (every kind of UTF-16 unit,
 * lone surrogates and control characters among them, mostly short), and valid frames broken by one to
 * three insertions, deletions, replacements or truncations with pieces that parsers trip on. The same seed
 * gives the same cases, so a failure names the seed and the case that reproduce it.
 */
final class RandomFrames {

    static final List<String> VALID = List.of(
            "{\"type\":\"method\",\"id\":1,\"method\":\"ping\"}",
            "{\"type\":\"method\",\"id\":\"abc-1\",\"method\":\"ping\"}",
            "{\"type\":\"method\",\"id\":2,\"method\":\"roomAdd\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"lobby\",\"message\":{\"text\":\"hi\",\"n\":[1,2.5,true,null]}}}",
            "{\"type\":\"method\",\"id\":4,\"method\":\"tell\",\"params\":{\"to\":\"x\",\"message\":\"hey\"}}",
            "{\"type\":\"method\",\"id\":5,\"method\":\"roomView\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"method\",\"id\":6,\"method\":\"roomChange\",\"params\":{\"room\":\"other\"}}",
            "{\"type\":\"method\",\"id\":7,\"method\":\"detailsView\"}",
            "{\"type\":\"method\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"method\":\"history\",\"params\":{\"room\":\"lobby\",\"limit\":5}}",
            "{\"type\":\"method\",\"method\":\"roomLeave\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"reply\",\"id\":8,\"error\":null,\"data\":{}}",
            "{\"type\":\"event\",\"event\":\"say\",\"data\":[]}");

    static final List<String> PIECES = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "\u0000",
            "null", "true", "-0", "1e999", "9223372036854775808", "-9223372036854775809", "0.5", "\"id\"", "\"type\"",
            "\"method\"", "\"params\"", "\"room\"", "\"message\"", "\"quit\"", "\uD800", "\uDFFF", "\\ud83d", "\\udfff",
            "😀", "\u202E", "../", "%00", " ", "\n", "x".repeat(300), "\"" + "y".repeat(140) + "\"");

    private static final String JSON_CHARACTERS = "{}[]\":,\\ntfu0-.eE";

    private final SplittableRandom random;

    RandomFrames(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Any text: lengths 0 to 300, most under 20; UTF-16 units from ASCII, JSON's own characters, controls, anything. */
    String anyText() {
        int length = random.nextInt(4) == 0 ? random.nextInt(301) : random.nextInt(21);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(5)) {
                case 0 -> (char) (0x20 + random.nextInt(0x5f));             // printable ASCII
                case 1 -> JSON_CHARACTERS.charAt(random.nextInt(JSON_CHARACTERS.length())); // what JSON is made of
                case 2 -> (char) random.nextInt(0x20);                      // control characters
                case 3 -> (char) (0xD800 + random.nextInt(0x800));          // surrogates, mostly unpaired
                default -> (char) random.nextInt(0x10000);                  // any UTF-16 unit
            });
        }
        return text.toString();
    }

    /** A valid frame broken by one to three edits. */
    String mutated() {
        String frame = VALID.get(random.nextInt(VALID.size()));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            frame = edit(frame);
        }
        return frame;
    }

    private String edit(String frame) {
        int at = Math.min(random.nextInt(401), frame.length());
        String piece = random.nextBoolean() ? PIECES.get(random.nextInt(PIECES.size())) : shortText();
        return switch (random.nextInt(4)) {
            case 0 -> frame.substring(0, at) + piece + frame.substring(at);                                          // insert
            case 1 -> frame.substring(0, at) + frame.substring(Math.min(frame.length(), at + piece.length()));       // delete
            case 2 -> frame.substring(0, at) + piece + frame.substring(Math.min(frame.length(), at + 1));            // replace
            default -> frame.substring(0, at);                                                                       // truncate
        };
    }

    private String shortText() {
        int length = random.nextInt(6);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x10000));
        }
        return text.toString();
    }
}
