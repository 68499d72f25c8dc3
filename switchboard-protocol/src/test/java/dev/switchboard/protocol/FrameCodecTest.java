package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final FrameCodec CODEC = new FrameCodec();

    @AfterAll
    static void close() {
        CODEC.close();
    }

    @Test
    void aSuccessfulReplyCarriesANullErrorAndItsData() {
        String text = CODEC.encode(Reply.success(7, new Pong(42)));
        assertEquals("{\"type\":\"reply\",\"id\":7,\"error\":null,\"data\":{\"time\":42}}", text);
    }

    @Test
    void aFailedReplyCarriesTheCodeAndNullData() {
        String text = CODEC.encode(Reply.failure(7, new Failure(ErrorCode.NOT_IN_ROOM, "not a member")));
        assertEquals("{\"type\":\"reply\",\"id\":7,\"error\":{\"code\":\"NOT_IN_ROOM\",\"message\":\"not a member\"},\"data\":null}", text);
    }

    @Test
    void anEventNamesItselfAndKeepsFieldOrder() {
        SayMessage say = new SayMessage("lobby", new Peer("c1", null), Json.createValue("hi"), "n-1", 5);
        String text = CODEC.encode(Event.of(EventNames.SAY, say));
        assertEquals("{\"type\":\"event\",\"event\":\"say\",\"data\":{\"room\":\"lobby\",\"from\":{\"id\":\"c1\",\"user\":null},"
                + "\"message\":\"hi\",\"messageId\":\"n-1\",\"sentAt\":5}}", text);
    }

    @Test
    void aCallDecodesWithIdMethodAndParamsIgnoringUnknownFields() {
        Call call = CODEC.decodeCall("{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"a\"},\"extra\":[1]}");
        assertEquals(3L, call.id());
        assertEquals("say", call.method());
        assertEquals("a", call.params().getString("room"));
    }

    @Test
    void aStringIdDecodesAsAStringAndIsEncodedBackAsOne() {
        Call call = CODEC.decodeCall("{\"type\":\"method\",\"id\":\"abc-1\",\"method\":\"ping\"}");
        assertEquals("abc-1", call.id());
        assertTrue(call.wantsReply());
        assertEquals("{\"type\":\"reply\",\"id\":\"abc-1\",\"error\":null,\"data\":{\"time\":1}}",
                CODEC.encode(Reply.success(call.id(), new Pong(1))));
        assertEquals("12", CODEC.decodeCall("{\"type\":\"method\",\"id\":\"12\",\"method\":\"ping\"}").id());
    }

    @Test
    void anIdThatIsNeitherAnIntegerNorAShortWholeStringIsABadFrameWithoutId() {
        for (String id : List.of("1.5", "99999999999999999999999", "true", "[1]", "{}", "\"" + "x".repeat(Call.MAX_ID_LENGTH + 1) + "\"", "\"a\\ud83d\"")) {
            FrameException e = assertThrows(FrameException.class,
                    () -> CODEC.decodeCall("{\"type\":\"method\",\"id\":" + id + ",\"method\":\"ping\"}"), id);
            assertNull(e.id(), id);
            assertEquals(ErrorCode.BAD_FRAME, e.failure().code(), id);
        }
        assertEquals("x".repeat(Call.MAX_ID_LENGTH), CODEC.decodeCall("{\"type\":\"method\",\"id\":\""
                + "x".repeat(Call.MAX_ID_LENGTH) + "\",\"method\":\"ping\"}").id());
    }

    @Test
    void wholeCharactersPassAndLoneSurrogatesAreRefusedHoweverTheyAreWritten() {
        for (String fine : List.of("\"\\ud83d\\ude00\"", "\"😀\"", "\"\\\\ud83d\"", "\"\\u00e9\\\\\"", "\"plain\"")) {
            Call call = CODEC.decodeCall("{\"type\":\"method\",\"id\":1,\"method\":\"say\",\"params\":{\"message\":" + fine + "}}");
            assertEquals("say", call.method(), fine);
        }
        for (String lone : List.of("\"\\ud83d\"", "\"\\uDE00x\"", "\"\uD83D\"", "\"a\uDE00\"", "\"\\\\\\ud800\"")) {
            FrameException e = assertThrows(FrameException.class, () -> CODEC.decodeCall(
                    "{\"type\":\"method\",\"id\":2,\"method\":\"say\",\"params\":{\"message\":" + lone + "}}"), lone);
            assertEquals(2L, e.id(), "the id could be read: a reply, not an event");
            assertEquals(ErrorCode.BAD_FRAME, e.failure().code());
        }
    }

    @Test
    void aCallWithoutIdOrParamsWantsNoReplyAndHasEmptyParams() {
        Call call = CODEC.decodeCall("{\"type\":\"method\",\"method\":\"ping\"}");
        assertNull(call.id());
        assertTrue(call.params().isEmpty());
        assertTrue(!call.wantsReply());
    }

    @Test
    void aCallEncodedByAClientDecodesToTheSameCall() {
        JsonObject params = Json.createObjectBuilder().add("room", "lobby").build();
        Call call = Call.of(9L, "roomAdd", params);
        assertEquals(call, CODEC.decode(CODEC.encode(call)));
    }

    @Test
    void repliesAndEventsDecodeForClients() {
        Reply reply = (Reply) CODEC.decode(CODEC.encode(Reply.failure(4, new Failure(ErrorCode.BAD_PARAMS, "x"))));
        assertEquals(new Failure(ErrorCode.BAD_PARAMS, "x"), reply.error());
        Event event = (Event) CODEC.decode("{\"type\":\"event\",\"event\":\"join\",\"data\":{\"room\":\"r\"}}");
        assertEquals("r", ((JsonObject) event.data()).getString("room"));
    }

    @Test
    void brokenJsonIsABadFrameWithoutId() {
        FrameException e = assertThrows(FrameException.class, () -> CODEC.decodeCall("{\"type\":\"method\","));
        assertNull(e.id());
        assertEquals(ErrorCode.BAD_FRAME, e.failure().code());
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
    }

    @Test
    void everyNonObjectIsABadFrameThatSaysWhatItGot() {
        for (String text : List.of("[1,2]", "\"say\"", "42", "true", "null")) {
            FrameException e = assertThrows(FrameException.class, () -> CODEC.decodeCall(text), text);
            assertTrue(e.getMessage().startsWith("expected a JSON object, got "), e.getMessage());
        }
    }

    @Test
    void aReadableIdIsKeptWhenTheRestIsWrong() {
        FrameException noMethod = assertThrows(FrameException.class, () -> CODEC.decodeCall("{\"type\":\"method\",\"id\":5}"));
        assertEquals(5L, noMethod.id());
        assertEquals("expected 'method' to be a string, got nothing", noMethod.getMessage());
        FrameException numberMethod = assertThrows(FrameException.class,
                () -> CODEC.decodeCall("{\"type\":\"method\",\"id\":6,\"method\":1}"));
        assertEquals(6L, numberMethod.id());
        FrameException arrayParams = assertThrows(FrameException.class,
                () -> CODEC.decodeCall("{\"type\":\"method\",\"id\":7,\"method\":\"say\",\"params\":[]}"));
        assertEquals("expected 'params' to be an object, got an array", arrayParams.getMessage());
        FrameException wrongType = assertThrows(FrameException.class, () -> CODEC.decodeCall("{\"type\":\"reply\",\"id\":8}"));
        assertEquals(8L, wrongType.id());
    }

    @Test
    void kindOfNamesEveryJsonType() {
        assertEquals("null", FrameCodec.kindOf(JsonValue.NULL));
        assertEquals("a boolean", FrameCodec.kindOf(JsonValue.TRUE));
        assertEquals("nothing", FrameCodec.kindOf(null));
        assertInstanceOf(JsonObject.class, CODEC.parse("{}"));
    }

    @Test
    void deeplyNestedJsonIsABadFrameNotACrash() {
        try (FrameCodec codec = new FrameCodec()) {
            String nested = "{\"type\":\"method\",\"id\":1,\"method\":\"say\",\"params\":" + "{\"a\":".repeat(5_000) + "1"
                    + "}".repeat(5_000) + "}";
            FrameException e = assertThrows(FrameException.class, () -> codec.decodeCall(nested));
            assertTrue(e.failure().message().startsWith("not valid JSON"), e.failure().message());
            assertThrows(FrameException.class, () -> codec.decode("[".repeat(20_000)));
        }
    }
}
