package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.OnOneServer;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rooms on a real server: say, join, leave, roomView, the aliases, and one order per room. */
class RoomsIT extends OnOneServer {

    private static JsonObject say(String room, String message) {
        return Json.createObjectBuilder().add("room", room).add("message", message).build();
    }

    @Test
    void sayReachesEveryMemberOnceIncludingTheSenderWithFromSetByTheServer() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice");
                TestClient bob = TestClient.connectAs(socket(), "bob");
                TestClient carol = TestClient.connectAs(socket(), "carol")) {
            for (TestClient client : List.of(alice, bob, carol)) {
                client.ok("roomAdd", params("room", "say-room"));
            }
            JsonObject spoofed = Json.createObjectBuilder(say("say-room", "hello"))
                    .add("from", Json.createObjectBuilder().add("id", "someone-else")).build();
            JsonObject result = alice.ok("say", spoofed);
            for (TestClient client : List.of(alice, bob, carol)) {
                JsonObject event = client.awaitEvent("say", data -> data.getString("messageId").equals(result.getString("messageId")));
                assertEquals("say-room", event.getString("room"));
                assertEquals("hello", event.getString("message"));
                assertEquals(alice.id(), event.getJsonObject("from").getString("id"));
                assertEquals(result.getJsonNumber("sentAt"), event.getJsonNumber("sentAt"));
            }
            // exactly once: after a second message, no copy of the first is left anywhere
            JsonObject second = alice.ok("say", say("say-room", "again"));
            for (TestClient client : List.of(alice, bob, carol)) {
                client.awaitEvent("say", data -> data.getString("messageId").equals(second.getString("messageId")));
                assertTrue(client.received().stream().noneMatch(f -> "say".equals(f.getString("event", null))),
                        () -> "duplicate say: " + client.received());
            }
        }
    }

    /**
     * Exactly once: a say or tell sent again with its key — as a client does on its next connection when the first
     * dropped before the reply — is answered with the original's reply and reaches nobody twice; another user's same
     * key is another key.
     */
    @Test
    void aRepeatedKeyIsAnsweredWithTheOriginalAndSentOnce() {
        try (TestClient first = TestClient.connectAs(socket(), "keyed");
                TestClient again = TestClient.connectAs(socket(), "keyed");
                TestClient other = TestClient.connectAs(socket(), "other-keyed");
                TestClient bob = TestClient.connectAs(socket(), "bob-keyed")) {
            for (TestClient client : List.of(first, again, other, bob)) {
                client.ok("roomAdd", params("room", "keyed-room"));
            }
            JsonObject original = first.ok("say", Json.createObjectBuilder(say("keyed-room", "once")).add("key", "k-1").build());
            assertTrue(original.containsKey("position") && !original.isNull("position"), original::toString);
            assertEquals(false, original.getBoolean("repeated"));
            JsonObject repeat = again.ok("say", Json.createObjectBuilder(say("keyed-room", "once")).add("key", "k-1").build());
            assertEquals(true, repeat.getBoolean("repeated"));
            assertEquals(original.getString("messageId"), repeat.getString("messageId"));
            assertEquals(original.getJsonObject("position"), repeat.getJsonObject("position"));
            JsonObject others = other.ok("say", Json.createObjectBuilder(say("keyed-room", "mine")).add("key", "k-1").build());
            assertEquals(false, others.getBoolean("repeated"));
            bob.awaitEvent("say", data -> data.getString("messageId").equals(others.getString("messageId")));
            assertEquals(List.of("once"), bob.received().stream().filter(f -> "say".equals(f.getString("event", null)))
                    .map(f -> f.getJsonObject("data").getString("message")).toList(), "the repeat reached nobody");

            JsonObject told = first.ok("tell", Json.createObjectBuilder().add("to", "bob-keyed").add("message", "psst")
                    .add("key", "t-1").build());
            JsonObject toldAgain = again.ok("tell", Json.createObjectBuilder().add("to", "bob-keyed").add("message", "psst")
                    .add("key", "t-1").build());
            assertEquals(true, toldAgain.getBoolean("repeated"));
            assertEquals(told.getString("messageId"), toldAgain.getString("messageId"));
            JsonObject marker = other.ok("tell", Json.createObjectBuilder().add("to", "bob-keyed").add("message", "after").build());
            bob.awaitEvent("tell", data -> data.getString("messageId").equals(marker.getString("messageId")));
            assertEquals(1, bob.received().stream().filter(f -> "tell".equals(f.getString("event", null))).count(),
                    () -> "the repeated tell reached bob once: " + bob.received());
            assertEquals("BAD_PARAMS", first.errorOf("say", Json.createObjectBuilder(say("keyed-room", "x")).add("key", "").build()));
        }
    }

    @Test
    void aMessageCanBeAnyJsonValue() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice")) {
            alice.ok("roomAdd", params("room", "json-room"));
            JsonObject message = Json.createObjectBuilder().add("text", "hi").add("n", 3).build();
            alice.ok("say", Json.createObjectBuilder().add("room", "json-room").add("message", message).build());
            assertEquals(message, alice.awaitEvent("say").getJsonObject("message"));
        }
    }

    @Test
    void joinAndLeaveReachTheRoomIncludingWhenAConnectionDrops() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice")) {
            alice.ok("roomAdd", params("room", "presence-room"));
            alice.awaitEvent("join", data -> data.getJsonObject("member").getString("id").equals(alice.id()));
            String bobId;
            try (TestClient bob = TestClient.connectAs(socket(), "bob")) {
                bobId = bob.id();
                JsonObject joined = bob.ok("roomAdd", params("room", "presence-room"));
                assertEquals(2, joined.getInt("membersCount"));
                assertTrue(joined.getBoolean("joined"));
                JsonObject join = alice.awaitEvent("join", data -> data.getJsonObject("member").getString("id").equals(bobId));
                assertEquals("presence-room", join.getString("room"));
                bob.ok("roomLeave", params("room", "presence-room"));
                alice.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(bobId));
                bob.ok("roomAdd", params("room", "presence-room"));
                alice.awaitEvent("join", data -> data.getJsonObject("member").getString("id").equals(bobId));
            }
            alice.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(bobId));
            JsonObject view = alice.ok("roomView", params("room", "presence-room"));
            assertEquals(1, view.getInt("membersCount"));
        }
    }

    @Test
    void roomViewListsTheMembersToMembersOnly() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice"); TestClient bob = TestClient.connectAs(socket(), "bob")) {
            alice.ok("roomAdd", params("room", "view-room"));
            bob.ok("roomAdd", params("room", "view-room"));
            JsonObject view = alice.ok("roomView", params("room", "view-room"));
            assertEquals("view-room", view.getString("room"));
            assertEquals(2, view.getInt("membersCount"));
            Set<String> ids = view.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("id")).collect(Collectors.toSet());
            assertEquals(Set.of(alice.id(), bob.id()), ids);
            view.getJsonArray("members").getValuesAs(JsonObject.class)
                    .forEach(m -> assertTrue(m.getJsonNumber("joinedAt").longValue() > 0));
            try (TestClient stranger = TestClient.connectAs(socket(), "stranger")) {
                assertEquals("NOT_IN_ROOM", stranger.errorOf("roomView", params("room", "view-room")));
                assertEquals("NOT_IN_ROOM", stranger.errorOf("say", say("view-room", "let me in")));
                assertEquals("NOT_IN_ROOM", stranger.errorOf("roomLeave", params("room", "view-room")));
            }
        }
    }

    @Test
    void tellReachesAConnectionByIdAndSaysNotFoundOtherwise() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice"); TestClient bob = TestClient.connectAs(socket(), "bob")) {
            JsonObject told = alice.ok("tell", Json.createObjectBuilder().add("to", bob.id()).add("message", "psst").build());
            assertTrue(told.getBoolean("delivered"));
            JsonObject tell = bob.awaitEvent("tell");
            assertEquals("psst", tell.getString("message"));
            assertEquals(alice.id(), tell.getJsonObject("from").getString("id"));
            assertEquals(told.getString("messageId"), tell.getString("messageId"));
            assertEquals("NOT_FOUND", alice.errorOf("tell", Json.createObjectBuilder().add("to", "nobody-here").add("message", "?").build()));
            assertEquals("BAD_PARAMS", alice.errorOf("tell", params("to", bob.id())));
        }
    }

    @Test
    void theFayeEraAliasesAddChangeAndSilenceRooms() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            client.ok("listenToRoom", params("room", "alias-a"));
            client.ok("roomAdd", params("room", "alias-b"));
            assertEquals(List.of("alias-a", "alias-b"), rooms(client));
            client.ok("silenceRoom", params("room", "alias-a"));
            assertEquals(List.of("alias-b"), rooms(client));
            client.ok("roomAdd", params("room", "alias-a"));
            JsonObject changed = client.ok("roomChange", params("room", "alias-c"));
            assertEquals("alias-c", changed.getString("room"));
            assertEquals(List.of("alias-c"), rooms(client));
            assertTrue(!client.ok("roomAdd", params("room", "alias-c")).getBoolean("joined"), "joining twice changes nothing");
        }
    }

    private static List<String> rooms(TestClient client) {
        return client.ok("detailsView", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("rooms")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void concurrentPublishersGiveEveryMemberOneOrderPerRoom() throws InterruptedException {
        int publishers = 3;
        int perPublisher = 100;
        List<TestClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < publishers + 2; i++) {
                TestClient member = TestClient.connectAs(socket(), "member");
                member.ok("roomAdd", params("room", "order-room"));
                members.add(member);
            }
            Chatter.sayConcurrently(members.subList(0, publishers), "order-room", perPublisher);
            Chatter.assertOneOrder(members, publishers * perPublisher);
        } finally {
            members.forEach(TestClient::close);
        }
    }

    /**
     * A client that asks for presence diffs ({@code ?presence=diff}) hears the room's joins and leaves in {@code presenceDiff}
     * frames only, every one of them, in the order a client that did not ask hears them one by one, and all before the
     * room's next message.
     */
    @Test
    void aClientThatAsksForPresenceDiffsHearsTheJoinsAndLeavesInTheRoomsOrderBeforeItsNextMessage() {
        try (TestClient plain = TestClient.connectAs(socket(), "plain-pd");
                TestClient differ = TestClient.connectAs(java.net.URI.create(socket() + "?presence=diff"), "differ-pd")) {
            plain.ok("roomAdd", params("room", "pd-room"));
            differ.ok("roomAdd", params("room", "pd-room"));
            List<TestClient> others = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    TestClient other = TestClient.connectAs(socket(), "pd-" + i);
                    others.add(other);
                    other.ok("roomAdd", params("room", "pd-room"));
                }
                others.get(3).ok("roomLeave", params("room", "pd-room"));
                JsonObject said = plain.ok("say", say("pd-room", "after"));
                for (TestClient client : List.of(plain, differ)) {
                    client.awaitEvent("say", data -> data.getString("messageId").equals(said.getString("messageId")));
                }
                // nothing came after the say: what is left came before it
                List<JsonObject> diffs = differ.received();
                assertTrue(diffs.stream().anyMatch(frame -> "presenceDiff".equals(frame.getString("event", null))), diffs::toString);
                assertTrue(diffs.stream().noneMatch(frame -> Set.of("join", "leave").contains(frame.getString("event", ""))),
                        () -> "no join or leave on its own: " + diffs);
                List<String> heard = Chatter.presence(diffs);
                List<String> plainHeard = Chatter.presence(plain.received());
                List<String> expected = List.of("join " + differ.id(), "join " + others.get(0).id(), "join " + others.get(1).id(),
                        "join " + others.get(2).id(), "join " + others.get(3).id(), "leave " + others.get(3).id());
                assertEquals(expected, plainHeard.subList(plainHeard.indexOf(expected.get(0)), plainHeard.size()), plainHeard::toString);
                assertEquals(expected, heard.subList(heard.indexOf(expected.get(0)), heard.size()), heard::toString);
            } finally {
                others.forEach(TestClient::close);
            }
        }
    }
}
