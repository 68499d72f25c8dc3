package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.SayMessage;
import dev.switchboard.security.Identity;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence diffs: a member that asked for them gets a room's {@code join} and {@code leave} events of a period as one
 * {@code presenceDiff} frame — at the period's tick ({@link RoomRegistry#flushPresence}), or before the room's next other
 * frame — while a member that did not gets each event as it comes; both see the room in the same order.
 */
class PresenceDiffTest {

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final RoomName lobby = new RoomName("lobby");

    @AfterEach
    void close() {
        codec.close();
    }

    /** A member whose client asked for presence diffs. */
    private static RecordingCaller differ(String id) {
        return new RecordingCaller(id) {
            @Override
            public boolean presenceDiffs() {
                return true;
            }
        };
    }

    /**
     * What the member was given since the last look, as v1 events would have said it: {@code event:member} for a join or
     * leave ({@code +} before it when it came inside a diff), {@code say:message} for a say.
     */
    private List<String> heard(RecordingCaller member) {
        List<String> heard = new ArrayList<>();
        for (String frame : member.take()) {
            JsonObject event = (JsonObject) codec.parse(frame);
            JsonObject data = event.getJsonObject("data");
            switch (event.getString("event")) {
                case "presenceDiff" -> {
                    for (JsonValue inner : data.getJsonArray("events")) {
                        JsonObject each = (JsonObject) inner;
                        assertEquals(data.getString("room"), each.getJsonObject("data").getString("room"));
                        heard.add("+" + each.getString("event") + ":" + each.getJsonObject("data").getJsonObject("member").getString("id"));
                    }
                    heard.add("|"); // where one diff ends
                }
                case "say" -> heard.add("say:" + data.getString("message"));
                default -> heard.add(event.getString("event") + ":" + data.getJsonObject("member").getString("id"));
            }
        }
        return heard;
    }

    private void say(String message) {
        registry.publish(lobby, codec.encode(Event.of("say", new SayMessage("lobby", Peer.application(null), Json.createValue(message),
                message, 0))));
    }

    @Test
    void theJoinsAndLeavesOfAPeriodComeAsOneDiffInTheirOrderWhileAV1MemberGetsEachAtOnce() {
        RecordingCaller diffs = differ("d");
        RecordingCaller plain = new RecordingCaller("p");
        registry.join(diffs, lobby);
        registry.join(plain, lobby);
        RecordingCaller b = new RecordingCaller("b");
        registry.join(b, lobby);
        registry.leave(b, lobby);
        registry.join(differ("c"), lobby);
        assertEquals(List.of("join:p", "join:b", "leave:b", "join:c"), heard(plain));
        assertEquals(List.of(), heard(diffs), "nothing until the period's tick");
        registry.flushPresence();
        assertEquals(List.of("+join:d", "+join:p", "+join:b", "+leave:b", "+join:c", "|"), heard(diffs));
        registry.flushPresence();
        assertEquals(List.of(), heard(diffs), "a diff goes once");
    }

    @Test
    void aRoomsOtherFrameSendsTheDiffItOwesFirstSoBothKindsOfMemberSeeOneOrder() {
        RecordingCaller diffs = differ("d");
        RecordingCaller plain = new RecordingCaller("p");
        registry.join(diffs, lobby);
        registry.join(plain, lobby);
        say("m1");
        registry.join(new RecordingCaller("b"), lobby);
        say("m2");
        registry.flushPresence();
        assertEquals(List.of("+join:d", "+join:p", "|", "say:m1", "+join:b", "|", "say:m2"), heard(diffs));
        assertEquals(List.of("join:p", "say:m1", "join:b", "say:m2"), heard(plain));
    }

    @Test
    void aDiffGoesOnlyToTheMembersTheRoomsRuleLetsSeePresenceAndAnyoneStillGetsItsOwnJoin() {
        Settings settings = Settings.of(Map.of("switchboard.rooms.permissions", "[{\"rooms\": \"desk-*\", \"presence\": [\"staff\"]}]"));
        registry.permissions(new RoomPermissions(settings.rooms(), settings.auth(), List.of()));
        RoomName desk = new RoomName("desk-1");
        RecordingCaller staff = differ("s");
        staff.authenticate(new Identity("sam", Set.of("staff")));
        RecordingCaller guest = differ("g");
        registry.join(staff, desk);
        registry.join(guest, desk);
        assertEquals(List.of("join:g"), heard(guest), "its own join, as v1 sends it, at once");
        registry.flushPresence();
        assertEquals(List.of("+join:s", "+join:g", "|"), heard(staff));
        assertEquals(List.of(), heard(guest), "no diff for a member that may not see presence");
    }

    @Test
    void aRoomNameThatJsonEscapesIsEscapedInTheDiff() {
        RoomName odd = new RoomName("a \"quoted\" \\ room \u2028");
        RecordingCaller diffs = differ("d");
        registry.join(diffs, odd);
        registry.flushPresence();
        JsonObject diff = (JsonObject) codec.parse(diffs.take().get(0));
        assertEquals("presenceDiff", diff.getString("event"));
        assertEquals(odd.value(), diff.getJsonObject("data").getString("room"));
        assertEquals(odd.value(), diff.getJsonObject("data").getJsonArray("events").getJsonObject(0).getJsonObject("data").getString("room"));
    }

    @Test
    void aDiffOwedByARoomWhoseMembersThatTakeDiffsAllLeftGoesToNobody() {
        RecordingCaller diffs = differ("d");
        RecordingCaller plain = new RecordingCaller("p");
        registry.join(plain, lobby);
        registry.join(diffs, lobby);
        registry.leave(diffs, lobby);
        registry.join(new RecordingCaller("b"), lobby);
        registry.flushPresence();
        assertEquals(List.of(), heard(diffs));
        assertEquals(List.of("join:p", "join:d", "leave:d", "join:b"), heard(plain));
    }

    @Test
    void eventsKeptForMembersWhoLeftBeforeTheirDiffWentAreNeverHandedToAMemberThatComesLater() {
        RecordingCaller plain = new RecordingCaller("p");
        RecordingCaller first = differ("d");
        RecordingCaller x = new RecordingCaller("x");
        registry.join(plain, lobby);
        registry.join(first, lobby);
        registry.join(x, lobby); // kept for d's diff
        registry.leave(first, lobby); // no member takes diffs now
        registry.leave(x, lobby); // so this one goes to p alone, at once
        RecordingCaller later = differ("e");
        registry.join(later, lobby);
        registry.flushPresence();
        assertEquals(List.of("+join:e", "|"), heard(later), "its own join, not the joins of members gone before it came");
        assertEquals(List.of("join:p", "join:d", "join:x", "leave:d", "leave:x", "join:e"), heard(plain));
    }

    @Test
    void aDiffThatReachesItsMostEventsGoesAtOnceAndTheRestWithTheNextTick() {
        RecordingCaller diffs = differ("d");
        registry.join(diffs, lobby);
        for (int i = 1; i <= LocalRooms.MAX_DIFF_EVENTS + 99; i++) {
            registry.join(new RecordingCaller("m" + i), lobby);
        }
        List<String> sizes = diffs.take().stream().map(frame -> (JsonObject) codec.parse(frame))
                .map(diff -> String.valueOf(diff.getJsonObject("data").getJsonArray("events").size())).toList();
        assertEquals(List.of(String.valueOf(LocalRooms.MAX_DIFF_EVENTS)), sizes, "its own join and the next 499, without a tick");
        registry.flushPresence();
        List<String> rest = heard(diffs);
        assertEquals(101, rest.size());
        assertEquals("+join:m500", rest.get(0));
        assertEquals("+join:m599", rest.get(99));
    }
}
