package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomPoliciesTest {

    private final RecordingCaller member = new RecordingCaller("m1");

    private static ConfiguredRoomPolicy configured(Map<String, String> settings) {
        return new ConfiguredRoomPolicy(Settings.of(settings).rooms());
    }

    private static ErrorCode refusal(Runnable join) {
        return assertThrows(PolicyRefusal.class, join::run).code();
    }

    @Test
    void byDefaultARoomIsMadeByItsFirstJoinUpToTheLimits() {
        ConfiguredRoomPolicy policy = configured(Map.of());
        policy.join(new RoomPolicy.JoinRequest(member, new RoomName("anything at all"), 0, 0));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("r"), 0, 100))));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("r"), 100_000, 0))));
    }

    @Test
    void onlyConfiguredRoomsExistWhenSoConfigured() {
        ConfiguredRoomPolicy policy = configured(Map.of("switchboard.rooms.create", "configured",
                "switchboard.rooms.configured", "lobby, help"));
        policy.join(new RoomPolicy.JoinRequest(member, new RoomName("help"), 0, 0));
        assertEquals(ErrorCode.NOT_FOUND, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("other"), 0, 0))));
    }

    @Test
    void aPersonalRoomIsItsUsersAlone() {
        ConfiguredRoomPolicy policy = configured(Map.of("switchboard.rooms.onAuth", "lobby, user:{user}, {user}-inbox"));
        RecordingCaller ann = new RecordingCaller("c-ann");
        ann.authenticate(new dev.switchboard.security.Identity("ann", java.util.Set.of()));
        policy.join(new RoomPolicy.JoinRequest(ann, new RoomName("user:ann"), 0, 0));
        policy.join(new RoomPolicy.JoinRequest(ann, new RoomName("ann-inbox"), 0, 0));
        policy.join(new RoomPolicy.JoinRequest(member, new RoomName("lobby"), 0, 0));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(ann, new RoomName("user:bob"), 0, 0))));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("user:ann"), 0, 0))),
                "nor an anonymous connection");
        assertEquals(java.util.List.of("lobby", "user:bob", "bob-inbox"),
                dev.switchboard.config.Settings.of(Map.of("switchboard.rooms.onAuth", "lobby, user:{user}, {user}-inbox")).rooms().onAuthFor("bob"));
    }

    @Test
    void theNamePatternAndTheCapsAreSettings() {
        ConfiguredRoomPolicy policy = configured(Map.of("switchboard.rooms.namePattern", "[a-z]+",
                "switchboard.rooms.maxPerConnection", "2", "switchboard.rooms.maxMembers", "3"));
        policy.join(new RoomPolicy.JoinRequest(member, new RoomName("abc"), 2, 1));
        assertEquals(ErrorCode.BAD_PARAMS, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("Abc"), 0, 0))));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("abc"), 0, 2))));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> policy.join(new RoomPolicy.JoinRequest(member, new RoomName("abc"), 3, 0))));
        assertThrows(IllegalStateException.class, () -> configured(Map.of("switchboard.rooms.namePattern", "[")));
        assertThrows(IllegalStateException.class, () -> configured(Map.of("switchboard.rooms.create", "sometimes")));
    }

    @Test
    void policiesRunInOrderAndRewriteOnceThenPerReceiver() {
        RoomPolicy upper = new RoomPolicy() {
            @Override
            public JsonValue say(Member sender, RoomName room, JsonValue message) {
                return Json.createValue(((jakarta.json.JsonString) message).getString().toUpperCase(java.util.Locale.ROOT));
            }
        };
        RoomPolicy exclaim = new RoomPolicy() {
            @Override
            public JsonValue say(Member sender, RoomName room, JsonValue message) {
                return Json.createValue(((jakarta.json.JsonString) message).getString() + "!");
            }

            @Override
            public JsonValue deliver(Member receiver, RoomName room, String fromId, JsonValue message) {
                return receiver.id().equals("deaf") ? null : message;
            }
        };
        RoomPolicies policies = new RoomPolicies(List.of(upper, exclaim));
        assertEquals(Json.createValue("HI!"), policies.say(member, new RoomName("r"), Json.createValue("hi")));
        assertTrue(policies.filtersDeliveries());
        JsonValue message = Json.createValue("x");
        assertSame(message, policies.deliver(member, new RoomName("r"), "m2", message));
        assertNull(policies.deliver(new RecordingCaller("deaf"), new RoomName("r"), "m2", message));
        assertFalse(new RoomPolicies(List.of(upper)).filtersDeliveries(), "a policy without a deliver hook costs nothing per receiver");
    }
}
