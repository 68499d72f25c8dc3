package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application's side on a live server: application code ({@link ApiProbe}) publishes, tells, sends its own
 * events, subscribes, asks who is where and disconnects through the injected {@code Switchboard}; its observers
 * ({@link EventLog}) hear Switchboard's CDI events; default rooms ({@code rooms.onConnect}, a personal room through
 * {@code rooms.onAuth}, set in the WAR's own {@code microprofile-config.properties}); and the same operations over
 * HTTP ({@code /api/server}) with the publishers' role, and refused without it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerApiIT {

    private static final String PASSWORD = "Switchb0ard-pass!";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addClasses(ApiProbe.class, EventLog.class, EventLog.Thrower.class)
                .addAsResource(new StringAsset("switchboard.rooms.onConnect=hall\nswitchboard.rooms.onAuth=user:{user}\n"),
                        "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    private URL base;

    private URI socket() {
        return Deployments.socket(base);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Calls the application's probe: {@code probe("publish", "room", "r", "message", "\"hi\"")}. */
    private JsonObject probe(String op, String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = Http.get(URI.create(base + "probe/" + op + query), null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private HttpResponse<String> post(String path, String login, String body, String key) {
        return Http.send("POST", URI.create(base + "api/server/" + path), login, body, key == null ? java.util.Map.of()
                : java.util.Map.of("Idempotency-Key", key));
    }

    @Test
    void applicationCodePublishesToARoomOnceWithItsPositionAndAKeyMakesARepeatHarmless() {
        try (TestClient ann = TestClient.connectAs(socket(), "ann")) {
            ann.ok("roomAdd", params("room", "orders"));
            JsonObject sent = probe("publish", "room", "orders", "message", "\"order 17 shipped\"", "as", "shop", "key", "order-17");
            assertFalse(sent.containsKey("code"), sent.toString());
            assertFalse(sent.getBoolean("repeated"));
            assertTrue(sent.getString("thread").length() > 0);
            JsonObject say = ann.awaitEvent("say", data -> "order 17 shipped".equals(data.getString("message", "")));
            assertTrue(say.getJsonObject("from").isNull("id"), say.toString());
            assertEquals("shop", say.getJsonObject("from").getString("user"));
            assertEquals(sent.getString("messageId"), say.getString("messageId"));
            assertEquals(sent.getJsonObject("position"), say.getJsonObject("position"));
            JsonObject again = probe("publish", "room", "orders", "message", "\"order 17 shipped\"", "as", "shop", "key", "order-17");
            assertTrue(again.getBoolean("repeated"), again.toString());
            assertEquals(sent.getString("messageId"), again.getString("messageId"));
            assertEquals(sent.getJsonObject("position"), again.getJsonObject("position"));
            ann.assertAlive();
            assertTrue(ann.received().stream().noneMatch(frame -> "say".equals(frame.getString("event", ""))), "once: " + ann.received());
        }
    }

    @Test
    void anEventOfTheApplicationsOwnNameReachesARoomAUserOrAConnection() {
        try (TestClient ann = TestClient.connectAs(socket(), "ann"); TestClient annElsewhere = TestClient.connectAs(socket(), "ann");
                TestClient bob = TestClient.connectAs(socket(), "bob")) {
            bob.ok("roomAdd", params("room", "prices"));
            JsonObject toRoom = probe("emit", "room", "prices", "event", "price", "data", "{\"eur\":12}");
            JsonObject price = bob.awaitEvent("price");
            assertEquals(12, price.getJsonObject("data").getInt("eur"));
            assertEquals(toRoom.getJsonObject("position"), price.getJsonObject("position"));
            probe("emit", "user", "ann", "event", "ticket-assigned", "data", "17");
            for (TestClient connection : List.of(ann, annElsewhere)) {
                assertEquals(17, connection.awaitEvent("ticket-assigned").getInt("data"));
            }
            probe("tell", "connection", ann.id(), "message", "\"just you\"");
            assertEquals("just you", ann.awaitEvent("tell").getString("message"));
            assertEquals("BAD_PARAMS", probe("emit", "room", "prices", "event", "say", "data", "1").getString("code"), "a reserved name");
            assertEquals("NOT_FOUND", probe("tell", "user", "nobody", "message", "1").getString("code"));
            annElsewhere.assertAlive();
            assertTrue(annElsewhere.received().stream().noneMatch(frame -> "tell".equals(frame.getString("event", ""))), "one connection");
        }
    }

    @Test
    void theApplicationPutsAUsersConnectionsIntoARoomAndTakesThemOutAndTheyKnow() {
        try (TestClient ann = TestClient.connectAs(socket(), "ann"); TestClient annElsewhere = TestClient.connectAs(socket(), "ann")) {
            assertEquals(true, probe("subscribe", "user", "ann", "to", "ticket-17").getBoolean("done"));
            for (TestClient connection : List.of(ann, annElsewhere)) {
                connection.awaitEvent("join", data -> "ticket-17".equals(data.getString("room"))
                        && connection.id().equals(data.getJsonObject("member").getString("id")));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> probe("presence", "room", "ticket-17").getInt("membersCount") == 2);
            assertTrue(probe("rooms", "user", "ann").getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class).stream()
                    .anyMatch(room -> room.getString().equals("ticket-17")));
            probe("unsubscribe", "connection", ann.id(), "from", "ticket-17");
            ann.awaitEvent("leave", data -> "ticket-17".equals(data.getString("room")) && ann.id().equals(data.getJsonObject("member").getString("id")));
            annElsewhere.awaitEvent("leave", data -> ann.id().equals(data.getJsonObject("member").getString("id")));
            assertEquals(1, probe("presence", "room", "ticket-17").getInt("membersCount"));
        }
    }

    @Test
    void aConnectionIsPutIntoItsDefaultRoomsAndAPersonalRoomIsItsUsersAlone() {
        try (TestClient ann = TestClient.connect(socket()); TestClient bob = TestClient.connectAs(socket(), "bob")) {
            ann.awaitEvent("join", data -> "hall".equals(data.getString("room")) && ann.id().equals(data.getJsonObject("member").getString("id")));
            ann.ok("auth", Json.createObjectBuilder().add("token", dev.switchboard.testkit.TestTokens.issue("ann")).build());
            ann.awaitEvent("join", data -> "user:ann".equals(data.getString("room")));
            assertEquals("FORBIDDEN", bob.errorOf("roomAdd", params("room", "user:ann")));
            probe("publish", "room", "user:ann", "message", "\"for ann\"");
            assertEquals("for ann", ann.awaitEvent("say", data -> "user:ann".equals(data.getString("room"))).getString("message"));
        }
    }

    @Test
    void aDisconnectSaysWhyAndWhetherToComeBack() {
        try (TestClient carl = TestClient.connectAs(socket(), "carl")) {
            probe("disconnect", "user", "carl", "reason", "account closed", "reconnect", "false");
            JsonObject end = carl.awaitEvent("end");
            assertFalse(end.getBoolean("reconnect"));
            assertEquals("account closed", end.getString("reason"));
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, carl.awaitClose().getCloseCode());
        }
    }

    @Test
    void theApplicationsObserversHearWhatHappensOffTheConnectionsThreadsAndOneThatFailsChangesNothing() {
        String id;
        try (TestClient dora = TestClient.connectAs(socket(), "dora")) {
            id = dora.id();
            dora.ok("roomAdd", params("room", "audit"));
            dora.ok("say", Json.createObjectBuilder().add("room", "audit").add("message", "hello").build());
            dora.awaitEvent("say");
            dora.ok("tell", Json.createObjectBuilder().add("to", "dora").add("message", "note").build());
            dora.awaitEvent("tell");
            dora.assertAlive();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> probe("events").getJsonArray("events").getValuesAs(jakarta.json.JsonString.class)
                .stream().anyMatch(line -> line.getString().equals("disconnected " + id)));
        JsonObject log = probe("events");
        List<String> mine = log.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .filter(line -> line.contains(id) || line.startsWith("said audit") || line.equals("told dora tell")).toList();
        assertEquals(List.of("connected " + id, "joined " + id + " hall", "authenticated " + id + " dora", "joined " + id + " user:dora",
                "joined " + id + " audit"), mine.subList(0, 5), mine.toString());
        assertTrue(mine.stream().anyMatch(line -> line.startsWith("said audit say ")), mine.toString());
        assertTrue(mine.containsAll(List.of("told dora tell", "left " + id + " audit", "left " + id + " hall", "disconnected " + id)),
                mine.toString());
        assertEquals("disconnected " + id, mine.get(mine.size() - 1));
        assertTrue(log.getJsonArray("threads").getValuesAs(jakarta.json.JsonString.class).stream().noneMatch(thread -> thread.getString()
                .contains("switchboard-cluster")), "never on the cluster's threads: " + log.getJsonArray("threads"));
        await().atMost(Duration.ofSeconds(15)).until(() -> probe("events").getInt("saidAsync") >= 1);
    }

    @Test
    void theHttpApiNeedsThePublishersRoleAndSpeaksTheSameCodes() {
        ServerTools.addUser("svc", PASSWORD, "switchboard-publisher");
        ServerTools.addUser("no-publisher", PASSWORD);
        String service = Http.basic("svc", PASSWORD);
        String body = "{\"room\":\"feed\",\"message\":{\"price\":12}}";
        assertEquals(401, post("publish", null, body, null).statusCode());
        assertEquals(403, post("publish", Http.basic("no-publisher", PASSWORD), body, null).statusCode());
        try (TestClient erin = TestClient.connectAs(socket(), "erin")) {
            erin.ok("roomAdd", params("room", "feed"));
            HttpResponse<String> first = post("publish", service, body, "feed-1");
            assertEquals(200, first.statusCode(), first.body());
            JsonObject published = json(first.body());
            assertEquals(12, erin.awaitEvent("say").getJsonObject("message").getInt("price"));
            JsonObject repeated = json(post("publish", service, body, "feed-1").body());
            assertTrue(repeated.getBoolean("repeated"), repeated.toString());
            assertEquals(published.getString("messageId"), repeated.getString("messageId"));
            HttpResponse<String> unknown = post("tell", service, "{\"to\":{\"user\":\"nobody\"},\"message\":1}", null);
            assertEquals(404, unknown.statusCode());
            assertEquals("NOT_FOUND", json(unknown.body()).getString("code"));
            HttpResponse<String> reserved = post("emit", service, "{\"to\":{\"room\":\"feed\"},\"event\":\"welcome\",\"data\":1}", null);
            assertEquals(400, reserved.statusCode());
            assertEquals("BAD_PARAMS", json(reserved.body()).getString("code"));
            assertEquals(204, post("subscribe", service, "{\"who\":{\"user\":\"erin\"},\"room\":\"extra\"}", null).statusCode());
            erin.awaitEvent("join", data -> "extra".equals(data.getString("room")));
            HttpResponse<String> presence = Http.get(URI.create(base + "api/server/presence/feed"), service);
            assertEquals(1, json(presence.body()).getInt("membersCount"), presence.body());
            assertEquals(403, Http.get(URI.create(base + "api/server/counts"), Http.basic("no-publisher", PASSWORD)).statusCode());
            assertTrue(json(Http.get(URI.create(base + "api/server/counts"), service).body()).getInt("connections") >= 1);
            erin.ok("exit", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, erin.awaitClose().getCloseCode());
        }
    }
}
