package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rooms' rules as clients meet them: every verb that a rule governs, by every name it has. */
class RoomRulesInVerbsTest {

    private static final String RULES = """
            [{"rooms": "prices", "say": "nobody"},
             {"rooms": "staff-*", "join": ["staff"]},
             {"rooms": "desk-*", "presence": ["staff"], "history": ["staff"]}]""";

    private final FrameCodec codec = new FrameCodec();
    private final Settings settings = Settings.of(Map.of("switchboard.rooms.permissions", RULES));
    private final RoomPermissions permissions = TestHandlers.permissions(settings);
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final Dispatcher dispatcher = new Dispatcher(TestHandlers.all(registry, codec, permissions), codec, settings.auth());
    private final InboundReader reader = new InboundReader(codec, settings.limits(), kind -> { });
    private final RecordingCaller anonymous = new RecordingCaller("c-anon");
    private final RecordingCaller alice = user("c-alice", "alice");
    private final RecordingCaller sam = user("c-sam", "sam", "staff");

    {
        registry.permissions(permissions);
    }

    private static RecordingCaller user(String id, String user, String... roles) {
        RecordingCaller caller = new RecordingCaller(id);
        caller.authenticate(new Identity(user, Set.of(roles)));
        return caller;
    }

    @AfterEach
    void close() {
        codec.close();
    }

    /** The reply to this call (events it caused to the caller are dropped). */
    private JsonObject call(RecordingCaller caller, String method, String params) {
        caller.take();
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
        return caller.take().stream().map(frame -> (JsonObject) codec.parse(frame)).filter(frame -> "reply".equals(frame.getString("type")))
                .findFirst().orElseThrow();
    }

    private static String code(JsonObject reply) {
        return reply.isNull("error") ? "OK" : reply.getJsonObject("error").getString("code");
    }

    private List<String> events(RecordingCaller caller, String event) {
        return caller.take().stream().map(frame -> (JsonObject) codec.parse(frame)).filter(frame -> event.equals(frame.getString("event", "")))
                .map(frame -> frame.getJsonObject("data").getJsonObject("member").getString("id")).toList();
    }

    @Test
    void inAReceiveOnlyRoomMembersListenButNobodySays() {
        assertEquals("OK", code(call(alice, "roomAdd", "{\"room\":\"prices\"}")));
        JsonObject refused = call(alice, "say", "{\"room\":\"prices\",\"message\":\"buy\"}");
        assertEquals("FORBIDDEN", code(refused));
        assertEquals("room 'prices' is receive-only (rule 'prices')", refused.getJsonObject("error").getString("message"));
        assertEquals("UNAUTHORIZED", code(call(anonymous, "say", "{\"room\":\"lobby\",\"message\":\"hi\"}")),
                "elsewhere the default: authenticated users say");
    }

    @Test
    void aRoleRuleRefusesTheJoinByEveryNameOfIt() {
        for (String method : List.of("roomAdd", "listenToRoom", "roomChange")) {
            assertEquals("FORBIDDEN", code(call(alice, method, "{\"room\":\"staff-room\"}")), method);
            assertEquals("UNAUTHORIZED", code(call(anonymous, method, "{\"room\":\"staff-room\"}")), method);
            assertEquals("OK", code(call(sam, method, "{\"room\":\"staff-room\"}")), method);
        }
        assertFalse(alice.rooms().contains("staff-room"));
    }

    @Test
    void whoMayNotSeePresenceGetsOnlyItsOwnJoinsAndLeavesAndNoView() {
        call(sam, "roomAdd", "{\"room\":\"desk-1\"}");
        call(alice, "roomAdd", "{\"room\":\"desk-1\"}");
        assertEquals(List.of("c-alice"), events(sam, "join"), "staff see who comes");
        call(anonymous, "roomAdd", "{\"room\":\"desk-1\"}");
        assertEquals(List.of(), events(alice, "join"), "alice does not see the anonymous one come");
        assertEquals("FORBIDDEN", code(call(alice, "roomView", "{\"room\":\"desk-1\"}")));
        assertEquals("OK", code(call(sam, "roomView", "{\"room\":\"desk-1\"}")));
        alice.take();
        registry.leave(alice, new dev.switchboard.rooms.RoomName("desk-1"));
        registry.join(alice, new dev.switchboard.rooms.RoomName("desk-1")); // as the server API puts it in
        assertEquals(List.of("c-alice"), events(alice, "join"), "its own join it always hears of");
    }

    @Test
    void whoMayNotReadTheHistoryCanNeitherAskForItNorReplayItThroughAJoin() {
        call(sam, "roomAdd", "{\"room\":\"desk-2\"}");
        call(sam, "say", "{\"room\":\"desk-2\",\"message\":\"first\"}");
        assertEquals("FORBIDDEN", code(call(alice, "history", "{\"room\":\"desk-2\"}")));
        JsonObject joined = call(alice, "roomAdd", "{\"room\":\"desk-2\",\"since\":{\"epoch\":\"" + epoch("desk-2") + "\",\"offset\":0}}");
        assertEquals("OK", code(joined));
        assertFalse(joined.getJsonObject("data").getBoolean("recovered"));
        assertTrue(joined.getJsonObject("data").getString("reason").contains("not yours to read"), joined.toString());
        assertEquals("OK", code(call(sam, "history", "{\"room\":\"desk-2\"}")));
    }

    private String epoch(String room) {
        JsonObject history = call(sam, "history", "{\"room\":\"" + room + "\"}");
        return history.getJsonObject("data").getJsonArray("messages").getJsonObject(0).getJsonObject("position").getString("epoch");
    }
}
