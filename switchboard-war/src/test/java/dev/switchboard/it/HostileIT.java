package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.OnOneServer;
import dev.switchboard.testkit.RawSocket;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A hostile corpus thrown at a live server while two people chat: broken and mutated JSON, wrong types,
 * unknown methods, deep nesting, huge numbers, control characters, path tricks, oversized frames, binary
 * frames and violations of the WebSocket protocol itself (invalid UTF-8 among them: a client library cannot send a lone
 * surrogate as text, so that one goes over a raw socket). The chat goes on, every message arrives once
 * and in order, and the server logs no error of Switchboard's.
 */
class HostileIT extends OnOneServer {

    private static final List<String> VALID = List.of(
            "{\"type\":\"method\",\"id\":1,\"method\":\"ping\"}",
            "{\"type\":\"method\",\"id\":2,\"method\":\"roomAdd\",\"params\":{\"room\":\"calm\"}}",
            "{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"calm\",\"message\":{\"a\":[1,2]}}}",
            "{\"type\":\"method\",\"id\":4,\"method\":\"file\",\"params\":{\"file\":\"hello.txt\"}}",
            "{\"type\":\"method\",\"id\":5,\"method\":\"action\",\"params\":{\"action\":\"echo\",\"params\":{\"text\":\"x\"}}}",
            "{\"type\":\"method\",\"id\":6,\"method\":\"auth\",\"params\":{\"token\":\"abc.def\"}}");

    private static List<String> corpus() {
        List<String> corpus = new ArrayList<>(List.of(
                "", " ", "null", "[]", "{}", "\"", "{\"type\":", "{\"type\":\"method\",\"id\":1e999,\"method\":\"ping\"}",
                "{\"type\":\"method\",\"id\":99999999999999999999999,\"method\":\"ping\"}",
                "{\"type\":\"method\",\"id\":-1,\"method\":\"ping\"}", "{\"type\":\"method\",\"id\":1.5,\"method\":\"ping\"}",
                "{\"type\":\"method\",\"id\":7,\"method\":\"__proto__\"}", "{\"type\":\"method\",\"id\":7,\"method\":null}",
                "{\"type\":\"method\",\"id\":8,\"method\":\"roomAdd\",\"params\":{\"room\":\"\\u0000\"}}",
                "{\"type\":\"method\",\"id\":9,\"method\":\"roomAdd\",\"params\":{\"room\":\"calm\",\"room\":\"x\"}}",
                "{\"type\":\"method\",\"id\":10,\"method\":\"say\",\"params\":{\"room\":\"calm\",\"message\":null}}",
                "{\"type\":\"method\",\"id\":11,\"method\":\"tell\",\"params\":{\"to\":{\"$ne\":1},\"message\":1}}",
                "{\"type\":\"method\",\"id\":12,\"method\":\"file\",\"params\":{\"file\":\"../WEB-INF/glassfish-web.xml\"}}",
                "{\"type\":\"method\",\"id\":13,\"method\":\"file\",\"params\":{\"file\":\"..%2fWEB-INF%2fglassfish-web.xml\"}}",
                "{\"type\":\"method\",\"id\":14,\"method\":\"file\",\"params\":{\"file\":\"/etc/passwd\"}}",
                "{\"type\":\"method\",\"id\":15,\"method\":\"action\",\"params\":{\"action\":\"echo\",\"params\":[]}}",
                "{\"type\":\"reply\",\"id\":16,\"error\":{\"code\":\"INTERNAL\"},\"data\":null}",
                "{\"type\":\"event\",\"event\":\"say\",\"data\":{\"from\":\"admin\"}}",
                "\uFEFF{\"type\":\"method\",\"id\":17,\"method\":\"ping\"}", "😀".repeat(1000),
                "[".repeat(20_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"type\":\"method\",\"id\":18,\"method\":\"say\",\"params\":{\"room\":\"calm\",\"message\":[" + "1,".repeat(5000) + "1]}}"));
        for (String valid : VALID) {
            for (int at = 0; at < valid.length(); at += 3) {
                corpus.add(valid.substring(0, at));                              // truncated
                corpus.add(valid.substring(0, at) + "\u0000" + valid.substring(at)); // a NUL inside
                corpus.add(valid.substring(0, at) + valid.substring(at + 1));        // a character dropped
                corpus.add(valid.substring(0, at) + "\"}]" + valid.substring(at));   // structure injected
            }
        }
        return corpus;
    }

    /** Switchboard's own errors in the server log: WildFly's ERROR lines, Payara's SEVERE records, of our classes. */
    private static int ownErrors(String log) {
        Matcher matcher = Pattern.compile("(ERROR \\[dev\\.switchboard|\\[SEVERE\\] \\[[^\\]]*\\] \\[dev\\.switchboard)").matcher(log);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    void theChatGoesOnAndNothingOfOursIsLoggedAsAnError() {
        int errorsBefore = ownErrors(ServerTools.log());
        List<String> corpus = corpus();
        try (TestClient alice = TestClient.connectAs(socket(), "alice"); TestClient bob = TestClient.connectAs(socket(), "bob")) {
            alice.ok("roomAdd", params("room", "calm"));
            bob.ok("roomAdd", params("room", "calm"));
            TestClient hostile = TestClient.connectAs(socket(), "mallory");
            int said = 0;
            for (int i = 0; i < corpus.size(); i++) {
                for (int attempt = 0; attempt < 3 && !hostile.trySend(corpus.get(i)); attempt++) {
                    hostile.close();
                    hostile = TestClient.connectAs(socket(), "mallory"); // closed for flooding: it comes back
                }
                if (i % 25 == 0) {
                    hostile.trySendBinary(corpus.get(i).getBytes(StandardCharsets.UTF_8));
                    alice.send(Json.createObjectBuilder().add("type", "method").add("method", "say")
                            .add("params", Json.createObjectBuilder().add("room", "calm").add("message", "calm " + said++))
                            .build().toString());
                }
            }
            hostile.trySend("x".repeat(70_000)); // over the frame limit: that connection is closed with 1009
            hostile.close();
            violateTheProtocol();
            for (int n = 0; n < said; n++) {
                String expected = "calm " + n;
                assertEquals(expected, bob.awaitEvent("say", data -> data.getJsonObject("from").getString("user")
                        .equals("alice")).getString("message"), "bob hears alice in order, once each");
            }
            alice.ok("ping", Json.createObjectBuilder().build());
            bob.assertAlive();
        }
        assertEquals(errorsBefore, ownErrors(ServerTools.log()), "Switchboard logged an error");
    }

    /** Every input of the protocol, each with a lone surrogate (a browser sends one for a cut emoji). */
    private static final List<String> LONE_SURROGATES = List.of(
            "{\"type\":\"method\",\"id\":1,\"method\":\"say\",\"params\":{\"room\":\"lone\",\"message\":\"x\\ud83d\"}}",
            "{\"type\":\"method\",\"id\":2,\"method\":\"say\",\"params\":{\"room\":\"lone\",\"message\":{\"t\\udfff\":1}}}",
            "{\"type\":\"method\",\"id\":3,\"method\":\"roomAdd\",\"params\":{\"room\":\"lone\\ud800\"}}",
            "{\"type\":\"method\",\"id\":4,\"method\":\"auth\",\"params\":{\"user\":\"\\ud83d\"}}",
            "{\"type\":\"method\",\"id\":5,\"method\":\"tell\",\"params\":{\"to\":\"alice\",\"message\":\"\\ude00!\"}}",
            "{\"type\":\"method\",\"id\":6,\"method\":\"action\",\"params\":{\"action\":\"echo\",\"params\":{\"text\":\"\\ud83d\"}}}",
            "{\"type\":\"method\",\"id\":7,\"method\":\"file\",\"params\":{\"file\":\"a\\ud83d.txt\"}}",
            "{\"type\":\"method\",\"id\":8,\"method\":\"sh\\ud83dout\"}",
            "{\"type\":\"method\",\"id\":9,\"method\":\"ping\",\"params\":{},\"extra\\udbff\":true}");

    @Test
    void loneSurrogatesThroughEveryInputAreBadFramesAndTheChatLosesNothing() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice"); TestClient bob = TestClient.connectAs(socket(), "bob");
                TestClient mallory = TestClient.connectAs(socket(), "mallory")) {
            alice.ok("roomAdd", params("room", "lone"));
            bob.ok("roomAdd", params("room", "lone"));
            mallory.ok("roomAdd", params("room", "lone"));
            for (int n = 0; n < LONE_SURROGATES.size(); n++) {
                mallory.send(LONE_SURROGATES.get(n));
                JsonObject reply = mallory.awaitReply(n + 1);
                assertEquals("BAD_FRAME", reply.getJsonObject("error").getString("code"), LONE_SURROGATES.get(n));
                alice.ok("say", Json.createObjectBuilder().add("room", "lone").add("message", "lone " + n).build());
            }
            mallory.send("{\"type\":\"method\",\"id\":\"\\ud83d\",\"method\":\"ping\"}"); // the id itself: no reply can carry it
            assertEquals("BAD_FRAME", mallory.awaitEvent("error").getString("code"));
            for (int n = 0; n < LONE_SURROGATES.size(); n++) {
                assertEquals("lone " + n, bob.awaitEvent("say").getString("message"), "bob hears alice in order, once each");
            }
            List<JsonObject> history = bob.ok("history", params("room", "lone")).getJsonArray("messages").getValuesAs(JsonObject.class);
            assertEquals(LONE_SURROGATES.size(), history.size(), "nothing of mallory's in the history");
            mallory.assertAlive();
            bob.assertAlive();
        }
        assertEquals(200, dev.switchboard.testkit.Http.get(java.net.URI.create(base + "health/ready"), null).statusCode(),
                "the node stays ready");
    }

    @Test
    void connectionsThatPipelineJoinsAndThenResetLeaveNoGhostInAnyRoom() {
        String room = "ghost-room";
        try (TestClient observer = TestClient.connectAs(socket(), "observer")) {
            observer.ok("roomAdd", params("room", room));
            for (int batch = 0; batch < 6; batch++) {
                List<RawSocket> sockets = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    RawSocket raw = RawSocket.open(socket(), Map.of());
                    sockets.add(raw);
                    for (int join = 0; join < 3; join++) { // pipelined: the reset comes while they are handled
                        raw.sendText("{\"type\":\"method\",\"id\":" + join + ",\"method\":\"roomAdd\",\"params\":{\"room\":\""
                                + (join == 0 ? room : room + "-" + i % 7) + "\"}}");
                    }
                    raw.sendText("{\"type\":\"method\",\"id\":9,\"method\":\"roomChange\",\"params\":{\"room\":\"" + room + "\"}}");
                }
                sockets.forEach(RawSocket::reset);
            }
            // 300 connections' joins and leaves, each a persistent send to the broker: more than TIMEOUT on a slow disk.
            // First every reset connection's close has begun (their calls come before it, in the connection's lane, so
            // none of their joins is still to come), then its rooms are left. One run in five here took some 55 s, about
            // what the keep-alive takes to drop a connection whose reset the server missed (25 s quiet + 20 s): 120 s
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> dev.switchboard.testkit.Http.metric(
                    dev.switchboard.testkit.Http.get(java.net.URI.create(base + "metrics"), null).body(), "switchboard_connections") == 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                    () -> observer.ok("roomView", params("room", room)).getInt("membersCount") == 1);
            JsonObject view = observer.ok("roomView", params("room", room));
            assertEquals(List.of(observer.id()), view.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .map(member -> member.getString("id")).toList(), "only the observer is left");
            for (int i = 0; i < 7; i++) { // the rooms they joined and left by roomChange: nobody but whoever joins now
                String other = room + "-" + i;
                observer.ok("roomAdd", params("room", other));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                        () -> observer.ok("roomView", params("room", other)).getInt("membersCount") == 1);
            }
        }
    }

    /**
     * Frames a WebSocket library never sends. What the container does with them is its own business (it
     * closes most; Tyrus lets one of them hang): this checks only that nothing of ours breaks.
     */
    private void violateTheProtocol() {
        List<byte[]> violations = List.of(
                new byte[] {(byte) 0x83, (byte) 0x80, 1, 2, 3, 4},                 // a reserved opcode
                new byte[] {(byte) 0x81, 0x02, 'h', 'i'},                           // an unmasked client frame
                new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, (byte) 0xC3, 0x28}, // invalid UTF-8
                new byte[] {(byte) 0x09, (byte) 0x80, 0, 0, 0, 0},                  // a fragmented ping
                new byte[] {(byte) 0xF1, (byte) 0x80, 0, 0, 0, 0});                 // reserved bits set
        for (byte[] violation : violations) {
            try (RawSocket raw = RawSocket.open(socket(), Map.of())) {
                raw.read(); // welcome
                raw.sendRaw(violation);
            }
        }
    }
}
