package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import dev.switchboard.protocol.SayMessage;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The splice of {@link RoomFrame} against the tree it replaces: the same text, or no answer. */
class RoomFrameTest {

    private static final FrameCodec CODEC = new FrameCodec();
    private static final Position POSITION = new Position("node-a.7", 42);

    @AfterAll
    static void close() {
        CODEC.close();
    }

    /** What {@code RoomMessages} did before: the frame parsed, its data rebuilt with the position last, written again. */
    private static String tree(String frame, Position position) {
        JsonObject event = Json.createReader(new StringReader(frame)).readObject();
        JsonObject data = event.getJsonObject("data");
        return Json.createObjectBuilder(event).add("data", Json.createObjectBuilder(data).add("position", position.toJson()))
                .build().toString();
    }

    private static String say(JsonValue message) {
        return CODEC.encode(Event.of(EventNames.SAY, new SayMessage("lobby", new Peer("c-1", "ann \"the\" user"), message,
                "node-a:17", 1_765_000_000_123L)));
    }

    private static void assertSameAsTree(String frame) {
        RoomFrame read = RoomFrame.of(frame, POSITION);
        assertNotNull(read, frame);
        assertEquals(tree(frame, POSITION), read.frame(), frame);
        JsonObject data = Json.createReader(new StringReader(frame)).readObject().getJsonObject("data");
        assertEquals(data.getString("messageId", null), read.messageId());
        assertEquals(data.get("sentAt") instanceof JsonNumber at ? at.longValue() : 0, read.sentAt());
    }

    @Test
    void aSayOfAnyMessageGetsTheTextTheTreeGave() {
        List<JsonValue> messages = List.of(Json.createValue("hello"), Json.createValue(""), Json.createValue(12),
                Json.createValue(new BigDecimal("1E+2")), Json.createValue(-0.5), JsonValue.TRUE, JsonValue.NULL,
                Json.createValue("quotes \" and \\ and \n and \u0001 and \u00e9 and \ud83d\ude00 and </script>"),
                Json.createObjectBuilder().add("position", 1).add("data", Json.createObjectBuilder().add("x", "}}"))
                        .add("list", Json.createArrayBuilder().add(1).add(Json.createArrayBuilder()).addNull()).build(),
                JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY);
        for (JsonValue message : messages) {
            RoomFrame read = RoomFrame.of(say(message), POSITION);
            assertSameAsTree(say(message));
            assertEquals(EventNames.SAY, read.event());
            assertEquals("node-a:17", read.messageId());
            assertEquals(1_765_000_000_123L, read.sentAt());
        }
    }

    @Test
    void randomMessagesGetTheTextTheTreeGave() {
        Random random = new Random(23);
        for (int i = 0; i < 500; i++) {
            assertSameAsTree(say(randomValue(random, 0)));
        }
    }

    @Test
    void anApplicationsEventAndAnEmptyDataGetTheirPositionToo() {
        String custom = CODEC.encode(Event.of("scores", Json.createObjectBuilder().add("home", 2).add("away", 1).build()));
        assertSameAsTree(custom);
        assertEquals("scores", RoomFrame.of(custom, POSITION).event());
        assertNull(RoomFrame.of(custom, POSITION).messageId());
        String empty = "{\"type\":\"event\",\"event\":\"ping\",\"data\":{}}";
        assertSameAsTree(empty);
        assertEquals("{\"type\":\"event\",\"event\":\"ping\",\"data\":{\"position\":{\"epoch\":\"node-a.7\",\"offset\":42}}}",
                RoomFrame.of(empty, POSITION).frame());
    }

    @Test
    void whatTheEncoderDoesNotWriteIsLeftToTheTree() {
        // the first seven stop at the frame's first and last characters, the rest in the parser
        for (String frame : List.of("plain text", "", "{}", "{\"data\":{}} ", " {\"data\":{}}", "{\"data\":5}}",
                "{\"data\":{\"a\":1},\"event\":\"say\"}", "{\"event\":\"say\",\"data\":{\"position\":1}}",
                "{\"event\":\"say\",\"event\":\"x\",\"data\":{}}", "{\"event\":\"say\",\"data\":{\"a\":1,\"a\":2}}",
                "{\"event\":\"say\",\"data\":{\"a\":1}}}", "{\"event\":\"say\",\"data\":{\"a\":[1}}", "[{\"data\":{}}]",
                "{\"data\":{\"a\":1}, \"b\":{}}")) {
            assertNull(RoomFrame.of(frame, POSITION), frame);
        }
    }

    @Test
    void aPositionIsWrittenAsTheTreeWritesItWhateverItsEpoch() {
        String frame = say(Json.createValue("hi"));
        for (String epoch : List.of("yv0gjqfhh07a", "node-a.7", "", "\u00e9\u4e2d\ud83d\ude00", "\u2028\u007f\ud800",
                "q\"uote", "back\\slash", "tab\t", "\u0001", "</script>")) {
            for (long offset : List.of(0L, 1L, -3L, Long.MAX_VALUE)) {
                Position position = new Position(epoch, offset);
                assertEquals(tree(frame, position), RoomFrame.of(frame, position).frame(), epoch);
            }
        }
    }

    @Test
    void aFrameNestedPastTheParsersLimitIsLeftToTheTree() {
        String deep = "{\"event\":\"say\",\"data\":{\"message\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}}";
        assertNull(RoomFrame.of(deep, POSITION));
    }

    @Test
    void textTheEncoderDoesNotWriteIsKeptAsItIs() {
        RoomFrame read = RoomFrame.of("{\"event\": \"say\", \"data\": {\"message\": \"\\u0041\"}}", POSITION);
        assertEquals("{\"event\": \"say\", \"data\": {\"message\": \"\\u0041\""
                + ",\"position\":{\"epoch\":\"node-a.7\",\"offset\":42}}}", read.frame());
    }

    @Test
    void anEventThatIsNoStringAndANumberThatIsNoLongAreReadAsTheTreeReadThem() {
        String frame = "{\"event\":7,\"data\":{\"messageId\":3,\"sentAt\":1.9}}";
        RoomFrame read = RoomFrame.of(frame, POSITION);
        assertNull(read.event());
        assertNull(read.messageId());
        assertEquals(1, read.sentAt());
        assertEquals(tree(frame, POSITION), read.frame());
    }

    private static JsonValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> Json.createValue(randomString(random));
            case 1 -> Json.createValue(random.nextLong());
            case 2 -> Json.createValue(random.nextDouble() * 1e6);
            case 3 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 4 -> JsonValue.NULL;
            case 5 -> {
                var object = Json.createObjectBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add(randomString(random), randomValue(random, depth + 1));
                }
                yield object.build();
            }
            default -> {
                var array = Json.createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array.build();
            }
        };
    }

    private static String randomString(Random random) {
        String alphabet = "ab}{][\",:\\\n\t\u0000\u00e9\u4e2d ";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (random.nextInt(5) == 0) {
            text.appendCodePoint(0x1F600);
        }
        return text.toString();
    }
}
