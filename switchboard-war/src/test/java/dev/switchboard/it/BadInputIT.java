package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.OnOneServer;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets its defined error and the connection goes on; an oversized frame closes only its own connection. */
class BadInputIT extends OnOneServer {

    private static String errorEventCode(TestClient client) {
        return client.awaitEvent("error").getString("code");
    }

    @Test
    void brokenJsonGetsAnErrorEventAndTheConnectionStaysOpen() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            client.send("{\"type\":\"method\",\"id\":1,\"method\":");
            JsonObject error = client.awaitEvent("error");
            assertEquals("BAD_FRAME", error.getString("code"));
            assertTrue(error.getString("message").startsWith("not valid JSON"), error.toString());
            client.assertAlive();
        }
    }

    @Test
    void framesThatAreNotObjectsGetAnErrorEventEach() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            for (String frame : List.of("[1,2,3]", "\"say\"", "42", "null", "true", "")) {
                client.send(frame);
                assertEquals("BAD_FRAME", errorEventCode(client), frame);
            }
            client.assertAlive();
        }
    }

    @Test
    void aBadFrameWhoseIdCanBeReadGetsABadFrameReply() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            client.send("{\"type\":\"method\",\"id\":41}");
            assertEquals("BAD_FRAME", client.awaitReply(41).getJsonObject("error").getString("code"));
            client.send("{\"type\":\"event\",\"id\":42,\"event\":\"say\"}");
            assertEquals("BAD_FRAME", client.awaitReply(42).getJsonObject("error").getString("code"));
            client.send("{\"type\":\"method\",\"id\":43,\"method\":\"say\",\"params\":[\"lobby\",\"hi\"]}");
            JsonObject error = client.awaitReply(43).getJsonObject("error");
            assertEquals("BAD_FRAME", error.getString("code"));
            assertEquals("expected 'params' to be an object, got an array", error.getString("message"));
            client.send("{\"type\":\"method\",\"id\":{\"n\":7},\"method\":\"ping\"}");
            assertEquals("BAD_FRAME", errorEventCode(client), "an id that is neither an integer nor a string cannot be echoed");
            client.send("{\"type\":\"method\",\"id\":\"seven\",\"method\":\"say\",\"params\":[]}");
            assertEquals("BAD_FRAME", client.awaitReply("seven").getJsonObject("error").getString("code"), "a string id is echoed");
            client.assertAlive();
        }
    }

    @Test
    void wrongParamTypesAndMissingParamsAreBadParams() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            JsonObject numberRoom = Json.createObjectBuilder().add("room", 12).build();
            JsonObject reply = client.call("roomAdd", numberRoom);
            assertEquals("BAD_PARAMS", reply.getJsonObject("error").getString("code"));
            assertEquals("expected param 'room' to be a string, got a number", reply.getJsonObject("error").getString("message"));
            assertEquals("BAD_PARAMS", client.errorOf("roomAdd", JsonObject.EMPTY_JSON_OBJECT));
            assertEquals("BAD_PARAMS", client.errorOf("roomAdd", params("room", "")));
            assertEquals("BAD_PARAMS", client.errorOf("roomAdd", params("room", "x".repeat(129))));
            assertEquals("BAD_PARAMS", client.errorOf("roomAdd", params("room", "tab\there")));
            client.ok("roomAdd", params("room", "typed"));
            assertEquals("BAD_PARAMS", client.errorOf("say", params("room", "typed")));
            client.assertAlive();
        }
    }

    @Test
    void unknownMethodsAreUnknownMethodWithOrWithoutId() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            assertEquals("UNKNOWN_METHOD", client.errorOf("shout", JsonObject.EMPTY_JSON_OBJECT));
            client.send("{\"type\":\"method\",\"method\":\"shout\"}");
            assertEquals("UNKNOWN_METHOD", errorEventCode(client));
            client.assertAlive();
        }
    }

    @Test
    void aBinaryFrameGetsAnErrorEventAndTheConnectionStaysOpen() {
        try (TestClient client = TestClient.connectAs(socket(), "client")) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("BAD_FRAME", errorEventCode(client));
            client.assertAlive();
        }
    }

    @Test
    void aFrameOverTheMaximumClosesThatConnectionWith1009AndNoOneElses() {
        try (TestClient sender = TestClient.connectAs(socket(), "sender"); TestClient bystander = TestClient.connectAs(socket(), "bystander")) {
            sender.ok("roomAdd", params("room", "big-room"));
            bystander.ok("roomAdd", params("room", "big-room"));
            // a message accepted before the oversized frame still reaches everyone
            sender.send(Json.createObjectBuilder().add("type", "method").add("method", "say")
                    .add("params", Json.createObjectBuilder().add("room", "big-room").add("message", "before")).build().toString());
            sender.send("{\"type\":\"method\",\"id\":99,\"method\":\"say\",\"params\":{\"room\":\"big-room\",\"message\":\""
                    + "x".repeat(70_000) + "\"}}");
            assertEquals(1009, sender.awaitClose().getCloseCode().getCode());
            assertEquals("before", bystander.awaitEvent("say").getString("message"));
            bystander.awaitEvent("leave", data -> data.getJsonObject("member").getString("id").equals(sender.id()));
            bystander.ok("say", Json.createObjectBuilder().add("room", "big-room").add("message", "still here").build());
            assertEquals("still here", bystander.awaitEvent("say").getString("message"));
        }
    }

    @Test
    void aFrameOverTheContainerCeilingAlsoClosesWith1009() {
        try (TestClient sender = TestClient.connectAs(socket(), "sender"); TestClient bystander = TestClient.connectAs(socket(), "bystander")) {
            sender.trySend("x".repeat(2 << 20)); // the server may close before the last byte is written
            assertEquals(1009, sender.awaitClose().getCloseCode().getCode());
            bystander.assertAlive();
        }
        try (TestClient sender = TestClient.connectAs(socket(), "sender"); TestClient bystander = TestClient.connectAs(socket(), "bystander")) {
            sender.trySend("x".repeat(8 << 20)); // past Tyrus' default servlet buffer of 4 MiB: it said 1011 there
            assertEquals(1009, sender.awaitClose().getCloseCode().getCode());
            bystander.assertAlive();
        }
    }
}
