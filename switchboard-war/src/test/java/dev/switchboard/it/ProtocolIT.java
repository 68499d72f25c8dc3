package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.OnOneServer;
import dev.switchboard.testkit.TestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol v1 framing on a real server: welcome, replies, ids, order, details, quit. */
class ProtocolIT extends OnOneServer {

    @Test
    void welcomeIsTheFirstFrameAndCarriesTheConnectionDetails() {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject welcome = client.welcome();
            assertTrue(!welcome.getString("id").isEmpty());
            assertEquals(List.of(), welcome.getJsonArray("rooms"));
            assertTrue(welcome.isNull("user"));
            assertTrue(welcome.getJsonNumber("connectedAt").longValue() > 0);
        }
    }

    @Test
    void aCallGetsExactlyOneReplyEchoingItsId() {
        try (TestClient client = TestClient.connect(socket())) {
            long id = client.sendCall("ping", JsonObject.EMPTY_JSON_OBJECT);
            JsonObject reply = client.awaitReply(id);
            assertTrue(reply.isNull("error"));
            assertTrue(reply.getJsonObject("data").getJsonNumber("time").longValue() > 0);
            client.assertAlive();
            assertEquals(List.of(), client.received(), "no second reply");
        }
    }

    @Test
    void aStringIdIsEchoedExactlyAsSentInTypeAndValue() {
        try (TestClient client = TestClient.connect(socket())) {
            String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
            client.send("{\"type\":\"method\",\"id\":\"" + uuid + "\",\"method\":\"ping\"}");
            JsonObject reply = client.awaitReply(uuid);
            assertEquals(JsonValue.ValueType.STRING, reply.get("id").getValueType());
            assertTrue(reply.isNull("error"));
            client.send("{\"type\":\"method\",\"id\":\"42\",\"method\":\"shout\"}");
            JsonObject refused = client.awaitReply("42");
            assertEquals("UNKNOWN_METHOD", refused.getJsonObject("error").getString("code"));
            client.assertAlive();
            assertEquals(List.of(), client.received(), "no second reply, and no reply with the number 42");
        }
    }

    @Test
    void aCallWithoutIdGetsNoReply() {
        try (TestClient client = TestClient.connect(socket())) {
            client.send("{\"type\":\"method\",\"method\":\"ping\"}");
            long id = client.sendCall("ping", JsonObject.EMPTY_JSON_OBJECT);
            client.awaitReply(id);
            // replies leave in call order: an answer to the first call would have come before this one
            assertEquals(List.of(), client.received());
        }
    }

    @Test
    void repliesLeaveInCallOrder() {
        try (TestClient client = TestClient.connect(socket())) {
            for (int i = 0; i < 200; i++) {
                client.sendCall(i % 2 == 0 ? "ping" : "detailsView", JsonObject.EMPTY_JSON_OBJECT);
            }
            client.awaitReply(200);
            List<JsonObject> replies = client.received();
            replies.forEach(reply -> assertEquals("reply", reply.getString("type")));
            assertEquals(199, replies.size());
            for (int i = 0; i < replies.size(); i++) {
                assertEquals(i + 1, replies.get(i).getInt("id"));
            }
        }
    }

    @Test
    void detailsViewShowsWhatTheServerKnowsOfTheConnection() {
        try (TestClient client = TestClient.connect(socket())) {
            client.ok("roomAdd", params("room", "b-room"));
            client.ok("roomAdd", params("room", "a-room"));
            client.awaitEvent("join", data -> data.getString("room").equals("b-room"));
            client.awaitEvent("join", data -> data.getString("room").equals("a-room"));
            JsonObject details = client.ok("detailsView", JsonObject.EMPTY_JSON_OBJECT);
            assertEquals(client.id(), details.getString("id"));
            assertEquals(client.id(), details.getString("fingerprint"));
            assertEquals("127.0.0.1", details.getString("remoteAddress"));
            assertEquals(client.welcome().getJsonNumber("connectedAt"), details.getJsonNumber("connectedAt"));
            assertEquals(List.of("a-room", "b-room"), details.getJsonArray("rooms").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            assertEquals(3, details.getInt("messagesIn"));
            assertTrue(details.getInt("messagesOut") >= 5, details.toString()); // welcome, 2 joins, 2 replies
        }
    }

    @Test
    void quitRepliesThenClosesNormally() {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject data = client.ok("quit", JsonObject.EMPTY_JSON_OBJECT);
            assertTrue(data.getBoolean("closing"));
            assertEquals(1000, client.awaitClose().getCloseCode().getCode());
        }
    }
}
