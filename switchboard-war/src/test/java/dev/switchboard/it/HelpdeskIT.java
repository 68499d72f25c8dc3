package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.Program;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code examples/helpdesk} end to end, as built: a ticket opened through its REST resource reaches the board's
 * members once with its position, a retried request publishes nothing again; an assignment reaches the assignee's
 * connection and puts it into the ticket's room; the application's room policy keeps outsiders out of that room;
 * its action stores a comment and says it there; its observers write the audit trail to the database; and
 * {@code examples/helpdesk-agent}, a plain Java program on the Java client run as a child process, prints the
 * ticket event it received. The page is {@link HelpdeskBrowserIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HelpdeskIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.helpdesk();
    }

    @ArquillianResource
    private URL base;

    private URI socket() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/helpdesk/socket");
    }

    private URI rest(String path) {
        return URI.create(base.toString().replaceFirst("/?$", "/") + "rest/" + path);
    }

    private static String bearer(String user) {
        return "Bearer " + TestTokens.issue(user);
    }

    private static JsonValue json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    /** Opens a ticket as this user with this request key; returns the answer ({@code {ticket, sent}}). */
    private JsonObject open(String reporter, String title, String key) {
        HttpResponse<String> response = Http.send("POST", rest("tickets"), bearer(reporter), Json.createObjectBuilder().add("title", title)
                .build().toString(), Map.of("Idempotency-Key", key));
        assertEquals(201, response.statusCode(), response.body());
        return json(response).asJsonObject();
    }

    private JsonObject open(String reporter, String title) {
        return open(reporter, title, UUID.randomUUID().toString());
    }

    private JsonObject post(String path, String user, JsonObject body, int status) {
        HttpResponse<String> response = Http.send("POST", rest(path), bearer(user), body == null ? null : body.toString());
        assertEquals(status, response.statusCode(), response.body());
        return status == 200 ? json(response).asJsonObject() : null;
    }

    private JsonValue get(String path, String user) {
        HttpResponse<String> response = Http.get(rest(path), bearer(user));
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** A signed-in connection on the board, past its join. */
    private TestClient onTheBoard(String user) {
        TestClient client = TestClient.connectAs(socket(), user);
        client.ok("roomAdd", params("room", "tickets"));
        return client;
    }

    private static Predicate<JsonObject> aboutTicket(long id) {
        return data -> data.getJsonObject("data").getJsonNumber("id").longValue() == id;
    }

    private static long idOf(JsonObject opened) {
        return opened.getJsonObject("ticket").getJsonNumber("id").longValue();
    }

    @Test
    void aTicketOpenedThroughRestReachesTheBoardOnceWithItsPositionAndARetryPublishesNothingAgain() {
        try (TestClient watcher = onTheBoard("watcher")) {
            String key = UUID.randomUUID().toString();
            JsonObject opened = open("ann", "The printer is on fire", key);
            long id = idOf(opened);
            JsonObject sent = opened.getJsonObject("sent");
            assertFalse(sent.getBoolean("repeated"), opened.toString());

            JsonObject created = watcher.awaitEvent("ticket-created", aboutTicket(id));
            assertEquals("tickets", created.getString("room"));
            assertEquals("ann", created.getJsonObject("from").getString("user"), "the application speaks for the reporter");
            assertTrue(created.getJsonObject("from").isNull("id"));
            assertEquals("OPEN", created.getJsonObject("data").getString("status"));
            assertEquals(sent.getString("messageId"), created.getString("messageId"));
            assertEquals(sent.getJsonObject("position"), created.getJsonObject("position"), "the event carries the position the REST answer gave");
            JsonObject line = watcher.awaitEvent("say", data -> data.getString("message", "").equals("ann opened #" + id + ": The printer is on fire"));
            assertTrue(line.getJsonObject("position").getJsonNumber("offset").longValue()
                    > created.getJsonObject("position").getJsonNumber("offset").longValue(), "the line comes after the event");

            JsonObject retried = open("ann", "The printer is on fire", key);
            assertEquals(id, idOf(retried), "the same request key finds the same ticket");
            assertTrue(retried.getJsonObject("sent").getBoolean("repeated"), retried.toString());
            assertEquals(sent.getString("messageId"), retried.getJsonObject("sent").getString("messageId"));
            assertEquals(sent.getJsonObject("position"), retried.getJsonObject("sent").getJsonObject("position"));

            watcher.assertAlive();
            assertTrue(watcher.received().stream().noneMatch(frame -> List.of("ticket-created", "say").contains(frame.getString("event", ""))),
                    "once: " + watcher.received());
            assertEquals(1, get("tickets", "watcher").asJsonArray().stream()
                    .filter(ticket -> ticket.asJsonObject().getJsonNumber("id").longValue() == id).count());
        }
    }

    @Test
    void anAssignmentReachesTheAssigneesConnectionAndPutsItIntoTheTicketsRoom() {
        try (TestClient watcher = onTheBoard("watcher"); TestClient carol = TestClient.connectAs(socket(), "carol")) {
            long id = idOf(open("ann", "VPN drops every hour"));
            JsonObject assigned = post("tickets/" + id + "/assign", "ann", Json.createObjectBuilder().add("assignee", "carol").build(), 200);
            assertEquals("ASSIGNED", assigned.getString("status"));

            carol.awaitEvent("join", data -> ("ticket-" + id).equals(data.getString("room"))
                    && carol.id().equals(data.getJsonObject("member").getString("id")));
            assertEquals("ticket " + id + " is yours: VPN drops every hour", carol.awaitEvent("tell").getString("message"));
            assertEquals("carol", watcher.awaitEvent("ticket-assigned", aboutTicket(id)).getJsonObject("data").getString("assignee"));

            JsonObject presence = get("tickets/" + id + "/presence", "ann").asJsonObject();
            assertEquals(1, presence.getInt("membersCount"), presence.toString());
            assertEquals(carol.id(), presence.getJsonArray("members").getJsonObject(0).getString("id"));

            post("tickets/" + id + "/close", "carol", null, 200);
            assertEquals("CLOSED", carol.awaitEvent("ticket-closed", data -> ("ticket-" + id).equals(data.getString("room")))
                    .getJsonObject("data").getString("status"), "the ticket's room hears it");
            watcher.awaitEvent("ticket-closed", aboutTicket(id));
        }
    }

    @Test
    void theTicketsRoomIsItsReportersAndAssigneesAlone() {
        try (TestClient ann = TestClient.connectAs(socket(), "ann"); TestClient mallory = TestClient.connectAs(socket(), "mallory");
                TestClient anonymous = TestClient.connect(socket())) {
            long id = idOf(open("ann", "My password expired"));
            String room = "ticket-" + id;
            assertEquals("FORBIDDEN", mallory.errorOf("roomAdd", params("room", room)), "an outsider");
            assertEquals("FORBIDDEN", anonymous.errorOf("roomAdd", params("room", room)));
            assertEquals("FORBIDDEN", anonymous.errorOf("roomAdd", params("room", "tickets")), "the board is for signed-in users");
            assertEquals("NOT_FOUND", mallory.errorOf("roomAdd", params("room", "ticket-999999")));
            assertTrue(ann.ok("roomAdd", params("room", room)).getBoolean("joined"), "the reporter");

            post("tickets/" + id + "/assign", "ann", Json.createObjectBuilder().add("assignee", "mallory").build(), 200);
            mallory.awaitEvent("join", data -> room.equals(data.getString("room")));
            mallory.ok("roomLeave", params("room", room));
            assertTrue(mallory.ok("roomAdd", params("room", room)).getBoolean("joined"), "once assigned, by its own roomAdd too");
            post("tickets/" + id + "/close", "outsider", null, 403);
        }
    }

    @Test
    void theCommentActionStoresTheCommentAndSaysItInTheTicketsRoom() {
        try (TestClient ann = TestClient.connectAs(socket(), "ann"); TestClient mallory = TestClient.connectAs(socket(), "mallory")) {
            long id = idOf(open("ann", "Monitor flickers"));
            ann.ok("roomAdd", params("room", "ticket-" + id));
            JsonObject reply = ann.ok("action", Json.createObjectBuilder().add("action", "ticket.comment")
                    .add("params", Json.createObjectBuilder().add("ticket", id).add("text", "only on HDMI")).build());
            assertEquals("only on HDMI", reply.getString("text"));

            JsonObject said = ann.awaitEvent("say", data -> ("ticket-" + id).equals(data.getString("room")));
            assertEquals("ann", said.getJsonObject("from").getString("user"));
            assertEquals(reply, said.getJsonObject("message"), "the stored comment, as the room hears it");
            assertTrue(said.containsKey("position"));
            JsonArray stored = get("tickets/" + id + "/comments", "ann").asJsonArray();
            assertEquals(List.of(reply), stored, "in the database");

            JsonObject refused = mallory.call("action", Json.createObjectBuilder().add("action", "ticket.comment")
                    .add("params", Json.createObjectBuilder().add("ticket", id).add("text", "me too")).build());
            assertEquals("ACTION_FAILED", refused.getJsonObject("error").getString("code"), refused.toString());
            assertEquals(1, get("tickets/" + id + "/comments", "ann").asJsonArray().size());
        }
    }

    @Test
    void theObserversWriteTheAuditTrailToTheDatabase() {
        String bobsConnection;
        long id;
        try (TestClient bob = onTheBoard("bob")) {
            bobsConnection = bob.id();
            id = idOf(open("bob", "Keyboard missing keys"));
            bob.awaitEvent("ticket-created", aboutTicket(id));
            bob.ok("say", Json.createObjectBuilder().add("room", "tickets").add("message", "anyone seen my keys?").build());
        }
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonObject> board = get("audit?room=tickets", "auditor").asJsonArray().getValuesAs(JsonObject.class);
            assertTrue(board.stream().anyMatch(entry -> entry.getString("kind").equals("joined")
                    && bobsConnection.equals(entry.getString("connection", null)) && "bob".equals(entry.getString("user", null))), board.toString());
            assertTrue(board.stream().anyMatch(entry -> entry.getString("kind").equals("said") && !entry.containsKey("connection")
                    && entry.getString("detail").startsWith("ticket-created ") && entry.getString("detail").contains("\"id\":" + id + ",")),
                    "the application's event: " + board);
            assertTrue(board.stream().anyMatch(entry -> entry.getString("kind").equals("said") && bobsConnection.equals(entry.getString("connection", null))
                    && entry.getString("detail").endsWith("\"anyone seen my keys?\"")), "bob's say: " + board);
            assertTrue(board.stream().anyMatch(entry -> entry.getString("kind").equals("left")
                    && bobsConnection.equals(entry.getString("connection", null))), "bob's connection closed: " + board);
            List<JsonObject> all = get("audit", "auditor").asJsonArray().getValuesAs(JsonObject.class);
            assertTrue(all.stream().anyMatch(entry -> entry.getString("kind").equals("authenticated")
                    && bobsConnection.equals(entry.getString("connection", null))), all.toString());
        });
    }

    @Test
    void theJavaAgentPrintsTheTicketEventItReceived() {
        try (Program agent = Program.javaJar("agent", Deployments.helpdeskAgentJar(), Map.of("HELPDESK_TOKEN", TestTokens.issue("agent-7")),
                "--max-events", "1", "--seconds", "90", socket().toString())) {
            agent.awaitLine(line -> line.equals("watching tickets as agent-7"), Duration.ofSeconds(90));
            long id = idOf(open("ann", "Coffee machine speaks French"));
            String printed = agent.awaitLine(line -> line.startsWith("ticket-created #" + id + " "), WAIT);
            assertTrue(printed.startsWith("ticket-created #" + id + " \"Coffee machine speaks French\" OPEN, ann (position "), printed);
            assertEquals(0, agent.awaitExit(WAIT), agent.output());
        }
    }

    @Test
    void theRestResourcesWantAValidTokenAndTheDevelopmentSignInIsOffWithoutGuests() {
        assertEquals(401, Http.get(rest("tickets"), null).statusCode());
        assertEquals(401, Http.get(rest("tickets"), "Bearer not-a-token").statusCode());
        assertEquals(401, Http.get(rest("audit"), null).statusCode());
        assertEquals(400, Http.send("POST", rest("tickets"), bearer("ann"), "{\"title\":\"  \"}").statusCode());
        assertEquals(404, Http.send("POST", rest("tickets/999999/assign"), bearer("ann"), "{\"assignee\":\"bob\"}").statusCode());
        assertEquals(403, Http.send("POST", rest("session"), null, "{\"user\":\"ann\"}").statusCode(),
                "the IT servers run without switchboard.auth.guest");
    }
}
