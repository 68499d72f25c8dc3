package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Room history and recovery on one node: a member that comes back with the last position it saw gets
 * what it missed, in order and once; a position older than the history, or ahead of the node, is
 * {@code recovered: false}; and a Java client gets every message once across a redeployment of the WAR
 * (told {@code recovered: false}: on a cluster bus a restarted node cannot prove that nothing was missed).
 */
class RecoveryIT extends OnManagedDeployment {

    private static JsonObject say(String room, String message) {
        return Json.createObjectBuilder().add("room", room).add("message", message).build();
    }

    private static JsonObject rejoin(String room, JsonObject since) {
        return Json.createObjectBuilder().add("room", room).add("since", since).build();
    }

    @Test
    void historyReplayTooOldAndARedeployment() throws Exception {
        deployer.deploy(MANAGED);
        try {
            aMemberThatComesBackGetsWhatItMissedOnceAndInOrder();
            aPositionOlderThanTheHistoryIsNotRecovered();
            aPositionAheadOfTheNodeOrAJoinOfAMemberReplaysNothing();
            aReplayAndAHistoryLargerThanTheQueueBoundReachAClientThatReads();
            aJavaClientMissesNothingAcrossARedeployment();
        } finally {
            deployer.undeploy(MANAGED);
        }
    }

    private void aMemberThatComesBackGetsWhatItMissedOnceAndInOrder() {
        String room = "replay-room";
        try (TestClient speaker = TestClient.connectAs(socket(), "speaker")) {
            speaker.ok("roomAdd", params("room", room));
            JsonObject since;
            try (TestClient listener = TestClient.connect(socket())) {
                listener.ok("roomAdd", params("room", room));
                speaker.ok("say", say(room, "before"));
                JsonObject before = listener.awaitEvent("say");
                since = before.getJsonObject("position");
                assertTrue(since.getJsonNumber("offset").longValue() >= 1, before.toString());
            }
            for (int i = 0; i < 5; i++) {
                speaker.ok("say", say(room, "missed " + i));
            }
            try (TestClient back = TestClient.connect(socket())) {
                JsonObject joined = back.ok("roomAdd", rejoin(room, since));
                assertTrue(joined.getBoolean("recovered"), joined.toString());
                speaker.ok("say", say(room, "live"));
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    got.add(back.awaitEvent("say").getString("message"));
                }
                assertEquals(List.of("missed 0", "missed 1", "missed 2", "missed 3", "missed 4", "live"), got);
                List<JsonObject> history = back.ok("history", Json.createObjectBuilder().add("room", room).add("limit", 3).build())
                        .getJsonArray("messages").getValuesAs(JsonObject.class);
                assertEquals(List.of("missed 3", "missed 4", "live"), history.stream().map(m -> m.getString("message")).toList());
                assertEquals("NOT_IN_ROOM", speaker.errorOf("history", params("room", "elsewhere")));
                assertEquals("BAD_PARAMS", back.errorOf("roomAdd", Json.createObjectBuilder().add("room", room)
                        .add("since", "yesterday").build()));
            }
        }
    }

    private void aPositionOlderThanTheHistoryIsNotRecovered() {
        String room = "long-room";
        try (TestClient speaker = TestClient.connectAs(socket(), "speaker")) {
            speaker.ok("roomAdd", params("room", room));
            speaker.ok("say", say(room, "first"));
            JsonObject first = speaker.awaitEvent("say").getJsonObject("position");
            for (int i = 0; i < 110; i++) { // the history keeps 100 by default
                speaker.send(Json.createObjectBuilder().add("type", "method").add("method", "say")
                        .add("params", say(room, "later " + i)).build().toString());
            }
            speaker.awaitEvent("say", data -> data.getString("message").equals("later 109"));
            try (TestClient late = TestClient.connect(socket())) {
                JsonObject joined = late.ok("roomAdd", rejoin(room, first));
                assertFalse(joined.getBoolean("recovered"), joined.toString());
                assertEquals("the position is older than the room's history", joined.getString("reason"));
                late.ok("ping", JsonValue.EMPTY_JSON_OBJECT);
                assertTrue(late.received().stream().noneMatch(frame -> "say".equals(frame.getString("event", ""))),
                        "nothing is replayed when the position is older than the history");
            }
            try (TestClient fresh = TestClient.connect(socket())) {
                // a position of an epoch this node never had (it restarted since): what it holds is replayed,
                // all of it new to the client, with recovered: false — nothing proves there was no gap before
                JsonObject unknown = fresh.ok("roomAdd", rejoin(room, Json.createObjectBuilder().add("epoch", "no-such-epoch")
                        .add("offset", 3).build()));
                assertFalse(unknown.getBoolean("recovered"));
                assertTrue(unknown.getString("reason").contains("epoch changed"), unknown.toString());
                for (int i = 10; i < 110; i++) {
                    assertEquals("later " + i, fresh.awaitEvent("say").getString("message"));
                }
            }
        }
    }

    private void aPositionAheadOfTheNodeOrAJoinOfAMemberReplaysNothing() {
        String room = "ahead-room";
        try (TestClient speaker = TestClient.connectAs(socket(), "speaker")) {
            speaker.ok("roomAdd", params("room", room));
            speaker.ok("say", say(room, "one"));
            JsonObject last = speaker.awaitEvent("say").getJsonObject("position");
            JsonObject ahead = Json.createObjectBuilder().add("epoch", last.getString("epoch"))
                    .add("offset", last.getJsonNumber("offset").longValue() + 1000).build();
            try (TestClient late = TestClient.connect(socket())) {
                JsonObject joined = late.ok("roomAdd", rejoin(room, ahead));
                assertFalse(joined.getBoolean("recovered"), joined.toString());
                assertTrue(joined.getString("reason").contains("ahead"), joined.toString());
                // already a member since just after "one": what came after "one" and before its join — nothing — is replayed
                JsonObject again = late.ok("roomAdd", rejoin(room, last));
                assertTrue(again.getBoolean("recovered"), again.toString());
                speaker.ok("say", say(room, "two"));
                assertEquals("two", late.awaitEvent("say").getString("message"));
                late.ok("ping", JsonValue.EMPTY_JSON_OBJECT);
                assertTrue(late.received().stream().noneMatch(frame -> "say".equals(frame.getString("event", ""))),
                        "nothing replayed, nothing twice");
            }
        }
    }

    /** 70 messages of 60,000 characters: more than a connection's outbound bound (4 Mi characters) at once. */
    private void aReplayAndAHistoryLargerThanTheQueueBoundReachAClientThatReads() {
        String room = "big-room";
        String big = "b".repeat(60_000);
        try (TestClient speaker = TestClient.connectAs(socket(), "speaker")) {
            speaker.ok("roomAdd", params("room", room));
            speaker.ok("say", say(room, "first"));
            JsonObject first = speaker.awaitEvent("say").getJsonObject("position");
            for (int i = 0; i < 70; i++) {
                speaker.ok("say", say(room, i + big));
                speaker.awaitEvent("say");
            }
            try (TestClient late = TestClient.connect(socket())) {
                JsonObject joined = late.ok("roomAdd", rejoin(room, first));
                assertTrue(joined.getBoolean("recovered"), joined.toString());
                for (int i = 0; i < 70; i++) {
                    assertEquals(i + big, late.awaitEvent("say").getString("message"));
                }
                List<JsonObject> history = late.ok("history", Json.createObjectBuilder().add("room", room).add("limit", 100).build())
                        .getJsonArray("messages").getValuesAs(JsonObject.class);
                assertEquals(71, history.size(), "one reply of 4.2 million characters");
                late.assertAlive();
            }
        }
    }

    private void aJavaClientMissesNothingAcrossARedeployment() throws Exception {
        String room = "redeploy-room";
        try (SwitchboardClient listener = client(); SwitchboardClient speaker = client()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            List<JsonValue> rejoined = new CopyOnWriteArrayList<>();
            listener.on("say", data -> heard.add(data.asJsonObject().getString("message")));
            listener.on(SwitchboardClient.REJOINED, rejoined::add);
            listener.boot();
            speaker.boot();
            listener.authToken(TestTokens.issue("listener")).get(30, TimeUnit.SECONDS);
            speaker.authToken(TestTokens.issue("speaker")).get(30, TimeUnit.SECONDS);
            listener.roomAdd(room).get(30, TimeUnit.SECONDS);
            speaker.roomAdd(room).get(30, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                speaker.say(room, "before " + i).get(30, TimeUnit.SECONDS);
                expected.add("before " + i);
            }
            await().atMost(TestClient.TIMEOUT).until(() -> heard.size() == 10);

            deployer.undeploy(MANAGED);
            List<CompletableFuture<JsonObject>> spooled = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                spooled.add(speaker.say(room, "while away " + i));
                expected.add("while away " + i);
            }
            deployer.deploy(MANAGED);
            for (CompletableFuture<JsonObject> call : spooled) {
                call.get(90, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> heard.size() >= 20 && !rejoined.isEmpty());
            assertEquals(expected, heard, "every message once, in order, across the redeployment");
            // the calls made while it was away were spooled by the client, so nothing was lost; but a node on a
            // cluster bus cannot prove that no other node took the room's messages while it was down: it says so
            assertFalse(rejoined.get(0).asJsonObject().getBoolean("recovered"), rejoined.toString());
        }
    }

    private static SwitchboardClient client() {
        return SwitchboardClient.builder(List.of(socket())).backoffFloor(Duration.ofMillis(200))
                .backoffCap(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(90)).build();
    }
}
