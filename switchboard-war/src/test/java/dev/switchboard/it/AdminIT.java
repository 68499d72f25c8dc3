package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' side on a live server: the admin REST API behind the role {@code switchboard-admin}
 * (rooms, members, alerts, disconnects, bad requests, drain), the Prometheus metrics, and health.
 * Each test deploys the WAR itself: a drain lasts until the application restarts.
 */
class AdminIT extends OnManagedDeployment {

    private static final String PASSWORD = "Switchb0ard-ops!";
    private static final String OPS = Http.basic("ops", PASSWORD);
    private static final String PLAIN = Http.basic("plain", PASSWORD);

    @BeforeEach
    void deploy() {
        ServerTools.addUser("ops", PASSWORD, "switchboard-admin");
        ServerTools.addUser("plain", PASSWORD, "switchboard-users");
        deployer.deploy(MANAGED);
    }

    @AfterEach
    void undeploy() {
        deployer.undeploy(MANAGED);
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + "/switchboard/" + path);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return Http.send(method, url("api/admin/" + path), OPS, body);
    }

    @Test
    void operatorsSeeRoomsAlertAndDisconnectAndTheNodeReportsItsMetricsAndHealth() {
        assertEquals(401, Http.get(url("api/admin/rooms"), null).statusCode());
        assertEquals(403, Http.get(url("api/admin/rooms"), PLAIN).statusCode());

        try (TestClient ann = TestClient.connectAs(socket(), "ann");
                TestClient bob = TestClient.connectAs(socket(), "bob");
                TestClient outsider = TestClient.connect(socket())) {
            ann.ok("roomAdd", params("room", "ops-lobby"));
            bob.ok("roomAdd", params("room", "ops-lobby"));
            bob.ok("roomAdd", params("room", "ops-kitchen"));
            ann.ok("say", Json.createObjectBuilder().add("room", "ops-lobby").add("message", "hello").build());
            outsider.errorOf("auth", Json.createObjectBuilder().add("user", "x").add("key", "wrong").build());

            HttpResponse<String> rooms = admin("GET", "rooms", null);
            assertEquals(200, rooms.statusCode(), rooms.body());
            assertEquals(Json.createReader(new StringReader(
                    "{\"count\":2,\"rooms\":[{\"room\":\"ops-kitchen\",\"membersCount\":1},{\"room\":\"ops-lobby\",\"membersCount\":2}]}"))
                    .readObject(), json(rooms));
            JsonObject lobby = json(admin("GET", "rooms/ops-lobby", null));
            assertEquals(2, lobby.getInt("membersCount"));
            assertEquals(List.of("ann", "bob"), lobby.getJsonArray("members").stream() // joins in one millisecond: any order
                    .map(m -> m.asJsonObject().getString("user")).sorted().toList());
            assertEquals(404, admin("GET", "rooms/nobody-here", null).statusCode());

            assertEquals(202, admin("POST", "alert", "{\"room\":\"ops-lobby\",\"message\":\"maintenance at 10\"}").statusCode());
            assertEquals("maintenance at 10", ann.awaitEvent("alert").getString("message"));
            assertEquals("ops-lobby", bob.awaitEvent("alert").getString("room"));
            assertEquals(202, admin("POST", "alert", "{\"message\":{\"level\":\"info\",\"text\":\"to all\"}}").statusCode());
            JsonObject toAll = outsider.awaitEvent("alert");
            assertTrue(toAll.isNull("room"));
            assertEquals("to all", toAll.getJsonObject("message").getString("text"));

            // bad requests: a clear code, and nobody's connection suffers
            assertEquals("BAD_FRAME", json(admin("POST", "alert", "{not json")).getString("code"));
            assertEquals("BAD_FRAME", json(admin("POST", "alert", "{\"message\":\"x\\ud83d\"}")).getString("code"),
                    "a lone surrogate would reach every connection");
            assertEquals(400, admin("POST", "alert", "[1,2]").statusCode());
            assertEquals("BAD_PARAMS", json(admin("POST", "alert", "{\"message\":1,\"room\":5}")).getString("code"));
            assertEquals("BAD_PARAMS", json(admin("POST", "alert", "{\"room\":\"ops-lobby\"}")).getString("code"));
            assertEquals(400, admin("POST", "alert", "{\"message\":1,\"room\":\"\"}").statusCode());
            assertEquals(404, admin("DELETE", "connections/no-such-connection", null).statusCode());
            // a path trick is no room; Payara does not apply the web-fragment.xml constraint to this path at all (the
            // login is not even asked for), so there the resource's own role check answers 401
            int traversal = admin("GET", "rooms/..%2F..%2Fapi%2Ftoken", null).statusCode();
            assertTrue(traversal == 404 || traversal == 400 || traversal == 401, "a path trick is no room: " + traversal);
            int anonymous = Http.get(url("api/admin/rooms/..%2F..%2Fapi%2Ftoken"), null).statusCode();
            assertTrue(anonymous == 401 || anonymous == 400 || anonymous == 404, "nor a way in: " + anonymous);
            ann.ok("ping", params());

            assertEquals(202, admin("DELETE", "connections/" + bob.id(), null).statusCode());
            JsonObject end = bob.awaitEvent("end");
            assertFalse(end.getBoolean("reconnect"));
            assertEquals("disconnected by an operator", end.getString("reason"));
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, bob.awaitClose().getCloseCode());
            ann.awaitEvent("leave", data -> data.getJsonObject("member").getString("user").equals("bob"));
            ann.ok("ping", params());

            String metrics = Http.get(url("metrics"), null).body();
            assertTrue(Http.metric(metrics, "switchboard_connections") >= 2, metrics);
            assertTrue(Http.metric(metrics, "switchboard_rooms") >= 1, metrics);
            assertTrue(Http.metric(metrics, "switchboard_room_members") >= 1, metrics);
            assertTrue(Http.metric(metrics, "switchboard_messages_in_total{method=\"say\"}") >= 1, metrics);
            assertTrue(Http.metric(metrics, "switchboard_messages_out_total{kind=\"say\"}") >= 1, metrics);
            assertTrue(Http.metric(metrics, "switchboard_messages_out_total{kind=\"alert\"}") >= 2, metrics);
            assertTrue(Http.metric(metrics, "switchboard_deliveries_total") >= 10, metrics);
            assertTrue(Http.metric(metrics, "switchboard_refusals_total{kind=\"auth_failed\"}") >= 1, metrics);
            assertTrue(Http.metric(metrics, "switchboard_cluster_published_total") >= 1, metrics);
            assertTrue(metrics.contains("switchboard_cluster_lag_seconds_bucket"), metrics);
            assertTrue(metrics.contains("switchboard_outbound_dropped_total"), metrics);
            // operators' conventions: the build, the JVM and the process, latencies as histograms (buckets add up across nodes)
            assertTrue(metrics.contains("switchboard_build_info{version=\""), metrics);
            assertTrue(Http.metric(metrics, "jvm_threads_live_threads") >= 1, metrics);
            assertTrue(Http.metric(metrics, "process_uptime_seconds") > 0, metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes{"), metrics);
            assertTrue(metrics.contains("switchboard_cluster_publish_seconds_bucket{"), metrics);

            // the console's rates come from this node's counts: two samples a moment apart
            HttpResponse<String> statsResponse = admin("GET", "stats", null);
            assertEquals(200, statsResponse.statusCode(), statsResponse.body());
            JsonObject stats = json(statsResponse);
            assertEquals(json(admin("GET", "node", null)).getString("node"), stats.getString("node"));
            assertTrue(stats.getInt("connections") >= 2, stats.toString());
            assertTrue(stats.getJsonNumber("messagesIn").longValue() >= 5, stats.toString());
            assertTrue(stats.getJsonNumber("deliveries").longValue() >= 10, stats.toString());
            assertTrue(stats.getJsonObject("refusals").getJsonNumber("auth_failed").longValue() >= 1, stats.toString());
            assertTrue(stats.getJsonNumber("refused").longValue() >= 1, stats.toString());
            ann.ok("ping", params());
            JsonObject later = json(admin("GET", "stats", null));
            assertTrue(later.getJsonNumber("messagesIn").longValue() > stats.getJsonNumber("messagesIn").longValue(), later.toString());
            assertTrue(later.getJsonNumber("at").longValue() >= stats.getJsonNumber("at").longValue(), later.toString());
        }

        // the console page: operators only, like the API it calls
        assertEquals(401, Http.get(url("api/admin/console"), null).statusCode());
        assertEquals(403, Http.get(url("api/admin/console"), PLAIN).statusCode());
        HttpResponse<String> console = admin("GET", "console", null);
        assertEquals(200, console.statusCode(), console.body());
        assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), console.headers().toString());
        assertTrue(console.body().contains("Switchboard operators' console"), console.body());
        assertEquals(404, admin("POST", "nodes/no-such-node/drain", null).statusCode());

        HttpResponse<String> nodes = admin("GET", "nodes", null);
        assertEquals(200, nodes.statusCode(), nodes.body());
        JsonObject self = json(nodes).getJsonArray("nodes").getJsonObject(0);
        assertTrue(self.getBoolean("self"), nodes.body());
        assertEquals(json(admin("GET", "node", null)).getString("node"), self.getString("node"), "the node that answers, first");
        assertFalse(self.getBoolean("draining"), nodes.body());
        HttpResponse<String> started = Http.get(url("health/started"), null);
        assertEquals(200, started.statusCode(), started.body());
        JsonObject startedCheck = json(started).getJsonArray("checks").getJsonObject(0);
        assertEquals("switchboard-started", startedCheck.getString("name"), started.body());
        assertEquals("UP", startedCheck.getString("status"), started.body());
        assertTrue(startedCheck.getJsonObject("data").containsKey("startedAt"), started.body());
        HttpResponse<String> all = Http.get(url("health"), null);
        assertEquals(4, json(all).getJsonArray("checks").size(), "started, live and the two of ready: " + all.body());
        HttpResponse<String> live = Http.get(url("health/live"), null);
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", json(live).getString("status"));
        HttpResponse<String> ready = Http.get(url("health/ready"), null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", json(ready).getJsonArray("checks").getJsonObject(0).getString("status"));
    }

    /** A token for the user "plain", from the container's login: {token, tokenId, …}. */
    private static JsonObject tokenOfPlain() {
        HttpResponse<String> issued = Http.send("POST", url("api/token"), PLAIN, null);
        assertEquals(200, issued.statusCode(), issued.body());
        return json(issued);
    }

    private static JsonObject token(JsonObject issued) {
        return Json.createObjectBuilder().add("token", issued.getString("token")).build();
    }

    @Test
    void aRevokedTokenClosesItsConnectionsAndIsRefusedAfterAndAUsersRevocationCoversEveryEarlierToken() {
        JsonObject first = tokenOfPlain();
        try (TestClient revoked = TestClient.connect(socket()); TestClient bystander = TestClient.connectAs(socket(), "bystander")) {
            revoked.ok("auth", token(first));
            revoked.ok("roomAdd", params("room", "revocations"));
            assertEquals(401, Http.send("POST", url("api/admin/revocations"), null, "{\"tokenId\":\"x\"}").statusCode());
            assertEquals(403, Http.send("POST", url("api/admin/revocations"), PLAIN, "{\"user\":\"plain\"}").statusCode(),
                    "a user cannot lift anyone's rights, nor revoke them");
            HttpResponse<String> made = admin("POST", "revocations", "{\"tokenId\":\"" + first.getString("tokenId") + "\"}");
            assertEquals(202, made.statusCode(), made.body());
            JsonObject end = revoked.awaitEvent("end");
            assertFalse(end.getBoolean("reconnect"));
            assertEquals("token revoked", end.getString("reason"));
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, revoked.awaitClose().getCloseCode());
            bystander.ok("ping", params());
        }
        try (TestClient again = TestClient.connect(socket())) {
            JsonObject refused = again.call("auth", token(first)).getJsonObject("error");
            assertEquals("token revoked", refused.getString("message"), "not with the same token");
            JsonObject listed = json(admin("GET", "revocations", null));
            assertTrue(listed.getJsonArray("revocations").stream().anyMatch(r -> first.getString("tokenId")
                    .equals(r.asJsonObject().getString("tokenId", ""))), listed.toString());

            JsonObject second = tokenOfPlain();
            assertEquals("plain", again.ok("auth", token(second)).getString("user"), "another token of the user's still works");
            assertEquals(202, admin("POST", "revocations", "{\"user\":\"plain\"}").statusCode());
            assertEquals("tokens of user 'plain' revoked", again.awaitEvent("end").getString("reason"));
            again.awaitClose();
        }
        // a token issued after the revocation works: iat counts whole seconds, so one of the same second is revoked too
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    try (TestClient later = TestClient.connect(socket())) {
                        return later.call("auth", token(tokenOfPlain())).isNull("error");
                    }
                });

        for (String bad : List.of("{}", "{\"tokenId\":\"a\",\"user\":\"b\"}", "{\"user\":\"x\",\"until\":1}",
                "{\"tokenId\":5}", "{\"user\":\"x\",\"issuedBefore\":\"yesterday\"}")) {
            HttpResponse<String> refused = admin("POST", "revocations", bad);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
            assertEquals("BAD_PARAMS", json(refused).getString("code"), bad);
        }
        assertEquals("BAD_FRAME", json(admin("POST", "revocations", "{not json")).getString("code"));
    }

    @Test
    void aDrainedNodeIsNotReadyRefusesNewConnectionsAndSendsItsClientsElsewhere() {
        try (TestClient staying = TestClient.connect(socket())) {
            assertEquals(403, Http.send("POST", url("api/admin/drain"), PLAIN, null).statusCode());
            HttpResponse<String> drained = admin("POST", "drain", null);
            assertEquals(202, drained.statusCode(), drained.body());
            assertTrue(json(drained).getBoolean("draining"));

            JsonObject end = staying.awaitEvent("end");
            assertTrue(end.getBoolean("reconnect"));
            assertEquals("node draining", end.getString("reason"));
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, staying.awaitClose().getCloseCode());

            HttpResponse<String> ready = Http.get(url("health/ready"), null);
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals("DOWN", json(ready).getString("status"));
            assertEquals(200, Http.get(url("health/live"), null).statusCode(), "draining is not dead");
            assertTrue(json(admin("GET", "nodes", null)).getJsonArray("nodes").getJsonObject(0).getBoolean("draining"),
                    "the operators' view of the nodes says so");
            assertThrows(AssertionError.class, () -> TestClient.connect(socket()).close(), "no new connections while draining");
            assertEquals(200, admin("POST", "drain", null).statusCode(), "draining again changes nothing");
            String self = json(admin("GET", "node", null)).getString("node");
            assertEquals(200, admin("POST", "nodes/" + self + "/drain", null).statusCode(), "the node by its id: this one, draining already");
        }
        assertTrue(json(admin("GET", "node", null)).getBoolean("draining"));
    }
}
