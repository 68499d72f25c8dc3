package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.security.Identity;
import dev.switchboard.verbs.RecordingCaller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule and each refusal of the rooms' permissions, by configuration and from code. */
class RoomPermissionsTest {

    private final RecordingCaller anonymous = new RecordingCaller("c-anon");
    private final RecordingCaller ann = user("c-ann", "ann");
    private final RecordingCaller eddie = user("c-eddie", "eddie", "editors");
    private final RecordingCaller sam = user("c-sam", "sam", "staff");

    private static RecordingCaller user(String id, String user, String... roles) {
        RecordingCaller caller = new RecordingCaller(id);
        caller.authenticate(new Identity(user, Set.of(roles)));
        return caller;
    }

    private static RoomPermissions permissions(Map<String, String> settings, RoomRules... code) {
        Settings read = Settings.of(settings);
        return new RoomPermissions(read.rooms(), read.auth(), List.of(code));
    }

    private static PolicyRefusal refusal(Runnable check) {
        return assertThrows(PolicyRefusal.class, check::run);
    }

    private static RoomName room(String name) {
        return new RoomName(name);
    }

    @Test
    void byDefaultAnyoneJoinsSeesAndReadsAndAuthenticatedUsersSay() {
        RoomPermissions permissions = permissions(Map.of());
        permissions.checkJoin(anonymous, room("lobby"));
        permissions.checkPresence(anonymous, room("lobby"));
        permissions.checkHistory(anonymous, room("lobby"));
        permissions.checkSay(ann, room("lobby"));
        PolicyRefusal refused = refusal(() -> permissions.checkSay(anonymous, room("lobby")));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertEquals("to say in room 'lobby' needs an authenticated connection: call auth first (rule 'default': authenticated)",
                refused.getMessage());
    }

    @Test
    void theRoomMethodsOfAuthRequiredAreTheDefaultRule() {
        RoomPermissions none = permissions(Map.of("switchboard.auth.required", "none"));
        none.checkSay(anonymous, room("lobby"));
        RoomPermissions strict = permissions(Map.of("switchboard.auth.required", "listenToRoom, roomView, history, say"));
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> strict.checkJoin(anonymous, room("lobby"))).code(),
                "an alias of the join names the join, whichever verb joins");
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> strict.checkPresence(anonymous, room("lobby"))).code());
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> strict.checkHistory(anonymous, room("lobby"))).code());
        strict.checkJoin(ann, room("lobby"));
    }

    @Test
    void theFirstConfiguredRuleWhosePatternMatchesDecidesAndWhatItLeavesOutIsTheDefault() {
        RoomPermissions permissions = permissions(Map.of("switchboard.rooms.permissions", """
                [{"rooms": "news-sport", "say": "authenticated"},
                 {"rooms": "news-*", "say": ["editors"]},
                 {"rooms": "*-staff", "join": ["staff"], "presence": ["staff"], "history": ["staff"]}]"""));
        permissions.checkSay(ann, room("news-sport"));
        permissions.checkSay(eddie, room("news-politics"));
        PolicyRefusal refused = refusal(() -> permissions.checkSay(ann, room("news-politics")));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
        assertEquals("only roles [editors] may say in room 'news-politics' (rule 'news-*')", refused.getMessage());
        permissions.checkJoin(anonymous, room("news-politics")); // join left out: the default's
        permissions.checkJoin(sam, room("desk-staff"));
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> permissions.checkJoin(ann, room("desk-staff"))).code());
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(() -> permissions.checkJoin(anonymous, room("desk-staff"))).code());
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> permissions.checkPresence(eddie, room("desk-staff"))).code());
        assertFalse(permissions.mayReadHistory(eddie, room("desk-staff")));
        assertTrue(permissions.mayReadHistory(sam, room("desk-staff")));
        permissions.checkSay(ann, room("desk")); // no rule: the default
        assertEquals("default", permissions.ruleFor(room("news")).name(), "news-* needs the dash");
    }

    @Test
    void aReceiveOnlyRoomRefusesEveryoneWhoSpeaksButLetsThemListen() {
        RoomPermissions permissions = permissions(Map.of("switchboard.rooms.permissions", "[{\"rooms\": \"prices\", \"say\": \"nobody\"}]"));
        permissions.checkJoin(anonymous, room("prices"));
        PolicyRefusal refused = refusal(() -> permissions.checkSay(eddie, room("prices")));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
        assertEquals("room 'prices' is receive-only (rule 'prices')", refused.getMessage());
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> permissions.checkSay(anonymous, room("prices"))).code(),
                "authenticating would not help");
    }

    @Test
    void aRuleWithoutAnonymousLetsNoAnonymousConnectionDoAnything() {
        RoomPermissions permissions = permissions(Map.of("switchboard.auth.required", "none",
                "switchboard.rooms.permissions", "[{\"rooms\": \"members-*\", \"anonymous\": false}]"));
        for (Runnable check : List.<Runnable>of(() -> permissions.checkJoin(anonymous, room("members-x")),
                () -> permissions.checkSay(anonymous, room("members-x")), () -> permissions.checkPresence(anonymous, room("members-x")),
                () -> permissions.checkHistory(anonymous, room("members-x")))) {
            assertEquals(ErrorCode.UNAUTHORIZED, refusal(check).code());
        }
        permissions.checkJoin(ann, room("members-x"));
        permissions.checkSay(ann, room("members-x"));
        permissions.checkSay(anonymous, room("open"));
    }

    @Test
    void rulesFromCodeComeAfterTheConfiguredOnesInTheirOrder() {
        RoomRules tickets = room -> room.value().startsWith("ticket-")
                ? Optional.of(RoomRule.open("tickets").withJoin(Access.roles(Set.of("staff")))) : Optional.empty();
        RoomRules everything = room -> Optional.of(RoomRule.receiveOnly("everything"));
        RoomPermissions permissions = permissions(Map.of("switchboard.rooms.permissions", "[{\"rooms\": \"ticket-0\"}]"), tickets, everything);
        permissions.checkJoin(ann, room("ticket-0")); // configured: the default's join
        permissions.checkJoin(sam, room("ticket-1"));
        assertEquals("only roles [staff] may join room 'ticket-1' (rule 'tickets')",
                refusal(() -> permissions.checkJoin(ann, room("ticket-1"))).getMessage());
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> permissions.checkSay(sam, room("lobby"))).code());
    }

    @Test
    void aPatternIsAGlobNotARegularExpression() {
        assertTrue(RoomPermissions.glob("a.b*").matcher("a.b-c").matches());
        assertFalse(RoomPermissions.glob("a.b*").matcher("axb").matches());
        assertTrue(RoomPermissions.glob("*").matcher("any\nthing").matches());
        assertTrue(RoomPermissions.glob("x*y*z").matcher("x-y-z").matches());
        assertFalse(RoomPermissions.glob("x*y*z").matcher("x-z").matches());
    }
}
