package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final Dispatcher dispatcher = new Dispatcher(TestHandlers.all(registry, codec), codec, Settings.of(Map.of()).auth());
    private final InboundReader reader = new InboundReader(codec, Settings.of(Map.of("switchboard.maxFrameBytes", "1024")).limits(), kind -> { });
    private final RecordingCaller alice = new RecordingCaller("alice");

    {
        alice.authenticate(new Identity("alice", Set.of()));
    }

    @AfterEach
    void close() {
        codec.close();
    }

    private JsonObject call(String frame) {
        alice.take();
        dispatcher.dispatch(alice, reader.read(frame));
        List<String> frames = alice.take();
        assertEquals(1, frames.size(), () -> "expected one frame, got " + frames);
        return (JsonObject) codec.parse(frames.get(0));
    }

    @Test
    void whatAnswersFromMemoryOrIsRefusedMayRunOnAnIoThreadAndWhatMayWaitMayNot() {
        for (String method : List.of("ping", "detailsView", "roomView", "history", "quit", "exit", "nope")) {
            assertTrue(dispatcher.answersAtOnce(reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + method + "\"}")), method);
        }
        for (String method : List.of("say", "roomAdd", "listenToRoom", "roomLeave", "silenceRoom", "roomChange")) {
            assertFalse(dispatcher.answersAtOnce(reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + method + "\"}")), method);
        }
        assertTrue(dispatcher.answersAtOnce(reader.read("{not json")), "a refusal answers at once");
        // where the application has room policies or rules of its own, reading a room may wait for them (its lock)
        Dispatcher withRoomCode = new Dispatcher(TestHandlers.all(registry, codec), codec, Settings.of(Map.of()).auth(), true);
        for (String method : List.of("roomView", "history")) {
            assertFalse(withRoomCode.answersAtOnce(reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + method + "\"}")), method);
        }
        assertTrue(withRoomCode.answersAtOnce(reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"ping\"}")));
        // the handlers outside this dispatcher: an action only hands the application's code to the managed executor;
        // auth may ask a provider or a login module, tell goes through the cluster bus, file reads a disk
        assertTrue(ActionVerbHandler.class.isAnnotationPresent(AnswersAtOnce.class));
        assertTrue(DocumentationHandler.class.isAnnotationPresent(AnswersAtOnce.class));
        for (Class<?> waits : List.of(AuthHandler.class, TellHandler.class, FileHandler.class)) {
            assertFalse(waits.isAnnotationPresent(AnswersAtOnce.class), waits.getSimpleName());
        }
    }

    @Test
    void aCallWithAnIdGetsExactlyOneReplyWithThatId() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":11,\"method\":\"ping\"}");
        assertEquals("reply", reply.getString("type"));
        assertEquals(11, reply.getInt("id"));
        assertTrue(reply.isNull("error"));
        assertTrue(reply.getJsonObject("data").containsKey("time"));
    }

    @Test
    void aCallWithoutIdGetsNoReply() {
        dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"method\":\"ping\"}"));
        assertEquals(List.of(), alice.frames());
    }

    @Test
    void aFailedCallWithoutIdGetsAnErrorEvent() {
        JsonObject event = call("{\"type\":\"method\",\"method\":\"nope\"}");
        assertEquals("error", event.getString("event"));
        assertEquals("UNKNOWN_METHOD", event.getJsonObject("data").getString("code"));
    }

    @Test
    void anUnknownMethodSaysWhichOnesExist() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":1,\"method\":\"sya\"}");
        JsonObject error = reply.getJsonObject("error");
        assertEquals("UNKNOWN_METHOD", error.getString("code"));
        assertTrue(error.getString("message").contains("say"), error.getString("message"));
        assertTrue(reply.isNull("data"));
    }

    @Test
    void brokenJsonGetsAnErrorEventAndTheConnectionStaysOpen() {
        JsonObject event = call("{not json");
        assertEquals("BAD_FRAME", event.getJsonObject("data").getString("code"));
        assertEquals(0, alice.closeCode());
    }

    @Test
    void aWrongParamTypeIsBadParamsNamingTheParam() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":2,\"method\":\"roomAdd\",\"params\":{\"room\":5}}");
        assertEquals("BAD_PARAMS", reply.getJsonObject("error").getString("code"));
        assertEquals("expected param 'room' to be a string, got a number", reply.getJsonObject("error").getString("message"));
    }

    @Test
    void aMissingParamIsBadParams() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"r\"}}");
        assertEquals("BAD_PARAMS", reply.getJsonObject("error").getString("code"));
        assertEquals("missing param 'message': expected a value", reply.getJsonObject("error").getString("message"));
    }

    @Test
    void sayingInARoomYouAreNotInIsNotInRoom() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":4,\"method\":\"say\",\"params\":{\"room\":\"r\",\"message\":\"hi\"}}");
        assertEquals("NOT_IN_ROOM", reply.getJsonObject("error").getString("code"));
    }

    @Test
    void aFrameOverTheLimitIsRefusedAndClosesWith1009() {
        alice.take();
        dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"method\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}"));
        assertEquals(1009, alice.closeCode());
        JsonObject event = (JsonObject) codec.parse(alice.take().get(0));
        assertEquals("TOO_LARGE", event.getJsonObject("data").getString("code"));
    }

    @Test
    void aFrameOverTheLimitInBytesButNotInCharsIsRefused() {
        alice.take();
        // 400 chars of 3 bytes each: 1200 bytes > 1024
        dispatcher.dispatch(alice, reader.read("\u20ac".repeat(400)));
        assertEquals(1009, alice.closeCode());
    }

    @Test
    void aHandlerBugAnswersInternalAndClosesWith1011() {
        Map<String, VerbHandler> broken = Map.of("boom", (caller, params) -> {
            throw new IllegalStateException("bug");
        });
        Dispatcher buggy = new Dispatcher(broken, codec, Settings.of(Map.of()).auth());
        buggy.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":9,\"method\":\"boom\"}"));
        JsonObject reply = (JsonObject) codec.parse(alice.take().get(0));
        assertEquals("INTERNAL", reply.getJsonObject("error").getString("code"));
        assertEquals(1011, alice.closeCode());
    }

    /** A bus whose broker is down: it refuses room traffic once told to. */
    static final class FailingBus implements dev.switchboard.cluster.ClusterBus {
        private final LocalClusterBus local = new LocalClusterBus();
        volatile boolean down;

        @Override
        public void publish(dev.switchboard.cluster.Envelope envelope) {
            if (down) {
                throw new dev.switchboard.cluster.ClusterUnavailableException("broker down", null);
            }
            local.publish(envelope);
        }

        @Override
        public void deliverTo(java.util.function.Consumer<dev.switchboard.cluster.Envelope> delivery) {
            local.deliverTo(delivery);
        }

        @Override
        public Link link() {
            return new Link("failing", !down, "");
        }
    }

    @Test
    void aBrokerOutageIsUnavailableAndClosesNoConnection() {
        FailingBus bus = new FailingBus();
        RoomRegistry failing = new RoomRegistry(bus, codec, new NodeIdentity("n2"), Clock.systemUTC());
        Dispatcher onFailingBus = new Dispatcher(TestHandlers.all(failing, codec), codec, Settings.of(Map.of()).auth());
        onFailingBus.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"roomAdd\",\"params\":{\"room\":\"a\"}}"));
        onFailingBus.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"roomAdd\",\"params\":{\"room\":\"b\"}}"));
        alice.take();
        bus.down = true;
        onFailingBus.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"a\",\"message\":\"hi\"}}"));
        JsonObject reply = (JsonObject) codec.parse(alice.take().get(0));
        assertEquals("UNAVAILABLE", reply.getJsonObject("error").getString("code"));
        assertEquals(0, alice.closeCode());
        failing.disconnected(alice); // the connection closes while the broker is down: it still leaves every room here
        assertEquals(java.util.Set.of(), alice.rooms());
        assertEquals(0, failing.roomCount());
    }

    @Test
    void quitRepliesThenClosesNormally() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":5,\"method\":\"quit\"}");
        assertTrue(reply.getJsonObject("data").getBoolean("closing"));
        assertEquals(1000, alice.closeCode());
    }

    @Test
    void repliesLeaveInCallOrder() {
        alice.take();
        for (int i = 0; i < 50; i++) {
            dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":" + i + ",\"method\":\"ping\"}"));
        }
        List<String> frames = alice.take();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, ((JsonObject) codec.parse(frames.get(i))).getInt("id"));
        }
    }

    @Test
    void roomChangeLeavesEveryOtherRoom() {
        dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"roomAdd\",\"params\":{\"room\":\"a\"}}"));
        dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"listenToRoom\",\"params\":{\"room\":\"b\"}}"));
        assertEquals(java.util.Set.of("a", "b"), alice.rooms());
        alice.take();
        dispatcher.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":3,\"method\":\"roomChange\",\"params\":{\"room\":\"c\"}}"));
        assertEquals(java.util.Set.of("c"), alice.rooms());
        assertEquals(0, registry.view(new dev.switchboard.rooms.RoomName("a")).map(v -> v.membersCount()).orElse(0));
    }

    @Test
    void anAnonymousConnectionMayJoinButNotSayUntilItAuthenticates() {
        RecordingCaller anonymous = new RecordingCaller("anon");
        dispatcher.dispatch(anonymous, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"roomAdd\",\"params\":{\"room\":\"r\"}}"));
        dispatcher.dispatch(anonymous, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"say\",\"params\":{\"room\":\"r\",\"message\":\"hi\"}}"));
        List<JsonObject> frames = anonymous.take().stream().map(f -> (JsonObject) codec.parse(f)).toList();
        JsonObject refused = frames.stream().filter(f -> f.getInt("id", 0) == 2).findFirst().orElseThrow();
        assertEquals("UNAUTHORIZED", refused.getJsonObject("error").getString("code"));
        assertEquals("to say in room 'r' needs an authenticated connection: call auth first (rule 'default': authenticated)",
                refused.getJsonObject("error").getString("message"));
        assertTrue(frames.stream().noneMatch(f -> "say".equals(f.getString("event", ""))), frames.toString());
    }

    @Test
    void aReplyThatComesLaterKeepsItsPlaceBeforeLaterReplies() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        Map<String, VerbHandler> handlers = new HashMap<>(TestHandlers.all(registry, codec));
        handlers.put("slow", (caller, params) -> slow);
        Dispatcher later = new Dispatcher(handlers, codec, Settings.of(Map.of()).auth());
        later.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"slow\"}"));
        later.dispatch(alice, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"ping\"}"));
        assertEquals(List.of(), alice.frames());
        slow.complete("done");
        List<JsonObject> replies = alice.take().stream().map(f -> (JsonObject) codec.parse(f)).toList();
        assertEquals(List.of(1, 2), replies.stream().map(r -> r.getInt("id")).toList());
        assertEquals("done", replies.get(0).getString("data"));
    }

    @Test
    void aStringIdIsEchoedAsAString() {
        JsonObject reply = call("{\"type\":\"method\",\"id\":\"abc-1\",\"method\":\"ping\"}");
        assertEquals(jakarta.json.JsonValue.ValueType.STRING, reply.get("id").getValueType());
        assertEquals("abc-1", reply.getString("id"));
        assertTrue(reply.isNull("error"));
    }

    @Test
    void aStringIdIsEchoedOnAnErrorReplyToo() {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        JsonObject reply = call("{\"type\":\"method\",\"id\":\"" + uuid + "\",\"method\":\"shout\"}");
        assertEquals(uuid, reply.getString("id"));
        assertEquals("UNKNOWN_METHOD", reply.getJsonObject("error").getString("code"));
        JsonObject badParams = call("{\"type\":\"method\",\"id\":\"7\",\"method\":\"say\",\"params\":{\"room\":5}}");
        assertEquals("7", badParams.getString("id")); // "7" stays a string, not the number 7
        assertEquals("BAD_PARAMS", badParams.getJsonObject("error").getString("code"));
    }

    @Test
    void aTooLongStringIdIsABadFrameWithoutReply() {
        JsonObject event = call("{\"type\":\"method\",\"id\":\"" + "x".repeat(129) + "\",\"method\":\"ping\"}");
        assertEquals("error", event.getString("event"));
        assertEquals("BAD_FRAME", event.getJsonObject("data").getString("code"));
        assertEquals(0, alice.closeCode());
    }

    /**
     * The answer to one call of a handler that fails with the failure: "now" throws it, "later" returns a
     * stage that fails with it after the call was dispatched (the path of actions).
     */
    private JsonObject answerTo(RuntimeException failure, RecordingCaller caller, String method) {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        Map<String, VerbHandler> handlers = Map.of("now", (c, params) -> {
            throw failure;
        }, "later", (c, params) -> pending);
        new Dispatcher(handlers, codec, Settings.of(Map.of()).auth())
                .dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + method + "\"}"));
        pending.completeExceptionally(new java.util.concurrent.CompletionException(failure));
        List<String> frames = caller.take();
        assertEquals(1, frames.size(), frames::toString);
        return ((JsonObject) codec.parse(frames.get(0))).getJsonObject("error");
    }

    /** The failure gets the same code and close whether its handler throws it or its stage fails with it. */
    private void answeredAlikeOnBothPaths(RuntimeException failure, String code, int closeCode) {
        for (String method : List.of("now", "later")) {
            RecordingCaller caller = new RecordingCaller(method);
            assertEquals(code, answerTo(failure, caller, method).getString("code"), method);
            assertEquals(closeCode, caller.closeCode(), method);
        }
    }

    @Test
    void aClusterOutageIsUnavailableWhetherTheHandlerThrowsOrAnswersLater() {
        answeredAlikeOnBothPaths(new dev.switchboard.cluster.ClusterUnavailableException("broker down", null), "UNAVAILABLE", 0);
    }

    @Test
    void aServerBugIsInternalAndClosesWith1011WhetherTheHandlerThrowsOrAnswersLater() {
        answeredAlikeOnBothPaths(new IllegalStateException("bug"), "INTERNAL", 1011);
    }

    @Test
    void aRefusalThatClosesClosesWhetherTheHandlerThrowsOrAnswersLater() {
        answeredAlikeOnBothPaths(new CallException(dev.switchboard.protocol.ErrorCode.FORBIDDEN, "go away", 1008), "FORBIDDEN", 1008);
    }

    @Test
    void authRequiredCoversAliasesAndAMisspeltNameFailsTheDeployment() {
        Map<String, VerbHandler> handlers = TestHandlers.all(registry, codec);
        assertEquals(Set.of(), Dispatcher.needingAuth(Set.of("roomAdd", "say"), handlers, true), "the rooms' default rule instead");
        assertEquals(Set.of("roomLeave", "silenceRoom"), Dispatcher.needingAuth(Set.of("silenceRoom"), handlers, true));
        IllegalStateException misspelt = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Dispatcher.needingAuth(Set.of("roomadd"), handlers, true));
        assertTrue(misspelt.getMessage().contains("switchboard.auth.required") && misspelt.getMessage().contains("'roomadd'"),
                misspelt.getMessage());
        Settings joinNeedsAuth = Settings.of(Map.of("switchboard.auth.required", "roomAdd"));
        Dispatcher guarded = new Dispatcher(TestHandlers.all(registry, codec, TestHandlers.permissions(joinNeedsAuth)), codec, joinNeedsAuth.auth());
        RecordingCaller anonymous = new RecordingCaller("anon");
        for (String alias : List.of("listenToRoom", "roomChange")) {
            guarded.dispatch(anonymous, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + alias + "\",\"params\":{\"room\":\"r\"}}"));
            JsonObject reply = (JsonObject) codec.parse(anonymous.take().get(0));
            assertEquals("UNAUTHORIZED", reply.getJsonObject("error").getString("code"), alias);
        }
    }

    @Test
    void aFrameOverTheRateIsRefusedWithoutBeingParsed() {
        List<dev.switchboard.security.Refusals.Kind> counted = new java.util.ArrayList<>();
        InboundReader oneAtATime = new InboundReader(codec, Settings.of(Map.of("switchboard.rate.burst", "1",
                "switchboard.rate.framesPerSecond", "1")).limits(), counted::add);
        RecordingCaller flooder = new RecordingCaller("flooder");
        dispatcher.dispatch(flooder, oneAtATime.read("{\"type\":\"method\",\"id\":4,\"method\":\"ping\"}"));
        assertEquals(4, ((JsonObject) codec.parse(flooder.take().get(0))).getInt("id"), "the burst");
        dispatcher.dispatch(flooder, oneAtATime.read("{\"type\":\"method\",\"id\":5,\"method\" broken"));
        JsonObject refused = (JsonObject) codec.parse(flooder.take().get(0));
        assertEquals("error", refused.getString("event"), "an error event: the frame was not read, so its id is unknown");
        assertEquals("RATE_LIMITED", refused.getJsonObject("data").getString("code"), "not BAD_FRAME: it was not parsed");
        assertEquals(List.of(dev.switchboard.security.Refusals.Kind.RATE_LIMITED), counted);
        assertEquals(0, flooder.closeCode());
    }
}
