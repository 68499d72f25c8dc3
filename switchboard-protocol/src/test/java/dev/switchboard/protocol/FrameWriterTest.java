package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonGeneratorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The frames of the hot paths, written with JSON-P, read exactly as JSON-B's default mapping of the same records writes them. */
class FrameWriterTest {

    private static final FrameCodec CODEC = new FrameCodec();
    private static final Jsonb DEFAULT_MAPPING = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    @AfterAll
    static void close() throws Exception {
        CODEC.close();
        DEFAULT_MAPPING.close();
    }

    @Test
    void everyFrameOfTheHotPathsReadsAsTheDefaultMappingWritesIt() {
        Peer guest = new Peer("c1-7f3a", null);
        Peer alice = new Peer("c2-7f3a", "alice \"the\" first \u00e9\ud83d\ude00");
        List<Object> data = new ArrayList<>(List.of(
                new Pong(42),
                new RoomView("room-17", 2, List.of(new RoomMember("c1", null, 1), new RoomMember("c2", "bob", 2))),
                new RoomView("empty", 0, List.of()),
                new SayResult("lobby", "m-1", 5),
                new SayResult("lobby", "m-1", 5, new Position("e-1", 12), true),
                new JoinResult("lobby", true, 3),
                new JoinResult("lobby", true, 3, false, "the history no longer reaches back"),
                new JoinResult("lobby", false, 0, true, null),
                new LeaveResult("lobby"),
                new Presence("lobby", alice, 9),
                new Presence("lobby", null, 9),
                new SayMessage("lobby", guest, Json.createObjectBuilder().add("text", "hi").add("n", 1.5).build(), "m-2", 7),
                new SayMessage("lobby", alice, Json.createValue("plain"), null, 7),
                new SayMessage("lobby", null, null, "m-3", 7),
                new SayMessage("lobby", guest, JsonValue.NULL, "m-4", 7),
                new SayMessage("lobby", guest, CODEC.parse("{\"n\":[1e2,-0,1.0,9223372036854775807,-12.5e-3,\"\\u0000\\t\\\"\"]}"), "m-5", 7),
                new Failure(ErrorCode.NOT_IN_ROOM, "not a member"),
                new Details("c1", "f", "127.0.0.1", 1, List.of("a", "b"), null, 2, 3, new Limits(200, 400, 65_536)),
                new Details("c2-\u00e9", null, null, 0, null, "alice \"a\"", 0, 0, null),
                new Details("c3", "f", "::1", 9, List.of(), "bob", 1, 1, new Limits(0, 0, 64)),
                new Limits(1, 2, 3),
                Json.createArrayBuilder().add(1).add("two").addNull().build(),
                Json.createValue("text"),
                JsonValue.TRUE,
                new LinkedHashMap<>(Map.of("k", "v")),
                List.of(new Pong(1), new LeaveResult("x"))));
        for (Object value : data) {
            same(Reply.success(7, value));
            same(Reply.success("call-\u00e9", value));
            same(Event.of(EventNames.SAY, value));
            boolean own = value instanceof JsonValue || !(value instanceof Map || value instanceof List);
            assertEquals(own, FrameWriter.direct(Reply.success(7, value), GENERATORS) != null,
                    (own ? "written with JSON-P: " : "left to JSON-B: ") + value);
        }
        same(Reply.success(7, null));
        same(Reply.failure(7, new Failure(ErrorCode.BAD_FRAME, "expected \"type\"\n")));
        same(Reply.failure("x", new Failure(ErrorCode.TOO_LARGE, "big")));
        same(new Reply(Reply.TYPE, null, null, new Pong(1)));
        same(Event.of(EventNames.JOIN, null));
        same(new Event(Event.TYPE, null, new Pong(1)));
    }

    @Test
    void aFrameLongerThanTheGeneratorsBufferComesWhole() {
        String text = "\u00e9x\"".repeat(40_000); // several of Parsson's 4,096-char buffers, escapes included
        Peer peer = new Peer("c1", "bob");
        for (Object message : List.of(Json.createValue(text), Json.createObjectBuilder().add("t", text).add("n", 1).build())) {
            same(Event.of(EventNames.SAY, new SayMessage("lobby", peer, (JsonValue) message, "m-1", 1)));
        }
        same(Reply.success(1, new RoomView("big", 1, List.of(new RoomMember("c1", text, 1)))));
    }

    @Test
    void theFramesTextTakesPiecesAsAWriterDoes() throws Exception {
        FrameWriter.FrameText text = new FrameWriter.FrameText();
        assertEquals("", text.toString());
        text.write("abc".toCharArray(), 1, 2);
        assertEquals("bc", text.toString());
        text.write("-def-", 1, 3);
        text.write('!');
        assertEquals("bcdef!", text.toString());
    }

    private static void same(Frame frame) {
        assertEquals(DEFAULT_MAPPING.toJson(frame), CODEC.encode(frame), frame.toString());
    }
}
