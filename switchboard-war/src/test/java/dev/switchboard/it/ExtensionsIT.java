package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.security.Tokens;
import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import dev.switchboard.testkit.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application extension points on a live server: {@code auth} (tokens, the REST endpoint, the
 * container's login, refusals), actions, the {@code file} verb, room policies (built-in and an
 * application's), and the fingerprint. The WAR is deployed with two test extensions: actions that hold
 * until released ({@link HoldActions}), a room policy ({@link ModerationPolicy}), and a Jakarta REST
 * {@code Application} of the application's own ({@link ApplicationRestApi}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExtensionsIT {

    private static final String PASSWORD = "Switchb0ard-pass!";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addClasses(HoldActions.class, HoldActions.Hold.class, HoldActions.Holding.class,
                HoldActions.Release.class,
                HoldActions.Explode.class, ModerationPolicy.class, ApplicationRestApi.class, ApplicationRestApi.Hello.class)
                // a quarter of the default: Undertow stops reading a connection before 4 Mi characters of frames (below)
                .addAsResource(new StringAsset("switchboard.handoff.maxWaitingChars=1000000\n"),
                        "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    private URL base;

    private URI socket() {
        return Deployments.socket(base);
    }

    private static JsonObject token(String token) {
        return Json.createObjectBuilder().add("token", token).build();
    }

    private static JsonObject say(String room, String message) {
        return Json.createObjectBuilder().add("room", room).add("message", message).build();
    }

    private static String basic(String user, String password) {
        return Http.basic(user, password);
    }

    // ------------------------------------------------------------------------------------------ auth

    @Test
    void aTokenMakesTheConnectionItsUserWhoMaySpeakThen() {
        try (TestClient alice = TestClient.connect(socket())) {
            alice.ok("roomAdd", params("room", "auth-room"));
            assertEquals("UNAUTHORIZED", alice.errorOf("say", say("auth-room", "too early")));
            assertEquals("UNAUTHORIZED", alice.errorOf("tell", Json.createObjectBuilder().add("to", alice.id()).add("message", 1).build()));
            assertEquals("UNAUTHORIZED", alice.errorOf("action", params("action", "echo")));

            JsonObject auth = alice.ok("auth", token(TestTokens.issue("alice", "admin")));
            assertTrue(auth.getBoolean("authenticated"));
            assertEquals("alice", auth.getString("user"));
            assertEquals(List.of("admin"), auth.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals("alice", alice.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT).getString("user"));
            alice.ok("say", say("auth-room", "now"));
            JsonObject from = alice.awaitEvent("say").getJsonObject("from");
            assertEquals("alice", from.getString("user"));
            assertEquals(alice.id(), from.getString("id"));
        }
    }

    @Test
    void anAnonymousMemberReadsWhatOthersSay() {
        try (TestClient reader = TestClient.connect(socket()); TestClient bob = TestClient.connectAs(socket(), "bob")) {
            reader.ok("roomAdd", params("room", "readers"));
            bob.ok("roomAdd", params("room", "readers"));
            bob.ok("say", say("readers", "for everyone"));
            assertEquals("for everyone", reader.awaitEvent("say").getString("message"));
        }
    }

    @Test
    void wrongCredentialsAreUnauthorizedUntilTooManyCloseTheConnectionWith1008() {
        Tokens otherKey = Tokens.withSecret("another-key-that-is-long-enough-0123456789", Clock.systemUTC());
        Tokens yesterday = Tokens.withSecret(TestTokens.SECRET, Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        try (TestClient mallory = TestClient.connect(socket()); TestClient bystander = TestClient.connectAs(socket(), "bystander")) {
            bystander.ok("roomAdd", params("room", "bystanders"));
            JsonObject forged = mallory.call("auth", token(otherKey.issue("admin", Set.of("admin"), Duration.ofHours(1))));
            assertEquals("UNAUTHORIZED", forged.getJsonObject("error").getString("code"));
            assertEquals("token signature does not match", forged.getJsonObject("error").getString("message"));
            JsonObject expired = mallory.call("auth", token(yesterday.issue("mallory", Set.of(), Duration.ofHours(1))));
            assertEquals("token expired", expired.getJsonObject("error").getString("message"));
            mallory.assertAlive();
            // the guest authenticator is off outside the README's run command: a bare user name is refused
            JsonObject guest = mallory.call("auth", params("user", "mallory"));
            assertEquals("UNAUTHORIZED", guest.getJsonObject("error").getString("code"));
            CloseReason closed = mallory.awaitClose();
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.getCloseCode());
            bystander.ok("say", say("bystanders", "unaffected"));
            assertEquals("unaffected", bystander.awaitEvent("say").getString("message"));
        }
    }

    @Test
    void aUserLoggedInByTheContainerGetsATokenFromTheRestEndpoint() throws Exception {
        ServerTools.addUser("rest-user", PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create(base + "api/token");
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic("rest-user", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, issued.statusCode(), issued.body());
        JsonObject body = Json.createReader(new StringReader(issued.body())).readObject();
        assertEquals("rest-user", body.getString("user"));
        assertTrue(body.getJsonNumber("expiresAt").longValue() > System.currentTimeMillis());
        try (TestClient client = TestClient.connect(socket())) {
            assertEquals("rest-user", client.ok("auth", token(body.getString("token"))).getString("user"));
            // Mixer's {user, key}: the token as the key, for its own user only
            assertEquals("rest-user", client.ok("auth", Json.createObjectBuilder().add("user", "rest-user")
                    .add("key", body.getString("token")).build()).getString("user"));
            assertEquals("UNAUTHORIZED", client.errorOf("auth", Json.createObjectBuilder().add("user", "someone-else")
                    .add("key", body.getString("token")).build()));
        }
        assertEquals(401, http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic("rest-user", "wrong")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theSecureSocketStartsAuthenticatedAsTheContainersUserAndRefusesOthers() {
        ServerTools.addUser("socket-user", PASSWORD);
        URI secure = URI.create(Deployments.socket(base).toString().replace("/socket", "/secure/socket"));
        try (TestClient client = TestClient.connect(secure, Map.of("Authorization", basic("socket-user", PASSWORD)))) {
            assertEquals("socket-user", client.welcome().getString("user"));
            JsonObject auth = client.ok("auth", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals("socket-user", auth.getString("user"));
            client.ok("roomAdd", params("room", "secure-room"));
            client.ok("say", say("secure-room", "logged in"));
        }
        assertThrows(AssertionError.class, () -> TestClient.connect(secure).close());
        assertThrows(AssertionError.class, () -> TestClient.connect(secure,
                Map.of("Authorization", basic("socket-user", "wrong"))).close());
        try (TestClient plain = TestClient.connect(socket())) {
            assertEquals("UNAUTHORIZED", plain.errorOf("auth", JsonValue.EMPTY_JSON_OBJECT));
        }
    }

    // --------------------------------------------------------------------------------------- actions

    @Test
    void theSampleActionRunsWithCheckedParamsAndIsDocumented() {
        try (TestClient client = TestClient.connectAs(socket(), "actor")) {
            JsonObject echo = client.ok("action", Json.createObjectBuilder().add("action", "echo")
                    .add("params", Json.createObjectBuilder().add("text", "ab").add("times", 3).add("ignored", true)).build());
            assertEquals("ababab", echo.getString("text"));
            assertEquals("actor", echo.getString("user"));

            JsonObject missing = client.call("action", params("action", "echo"));
            assertEquals("BAD_PARAMS", missing.getJsonObject("error").getString("code"));
            assertEquals("action 'echo': missing param 'text' (a string)", missing.getJsonObject("error").getString("message"));
            JsonObject wrongType = client.call("action", Json.createObjectBuilder().add("action", "echo")
                    .add("params", Json.createObjectBuilder().add("text", 5).add("times", "two")).build());
            assertEquals("action 'echo': expected param 'text' to be a string, got a number; expected param 'times' to be"
                    + " an integer, got a string", wrongType.getJsonObject("error").getString("message"));
            JsonObject refused = client.call("action", Json.createObjectBuilder().add("action", "echo")
                    .add("params", Json.createObjectBuilder().add("text", "x").add("times", 11)).build());
            assertEquals("ACTION_FAILED", refused.getJsonObject("error").getString("code"));
            assertEquals("NOT_FOUND", client.errorOf("action", params("action", "nothing-like-it")));
            JsonObject bug = client.call("action", params("action", "explode"));
            assertEquals("ACTION_FAILED", bug.getJsonObject("error").getString("code"));
            assertEquals("action 'explode' failed", bug.getJsonObject("error").getString("message"));
            client.assertAlive();

            JsonObject documentation = client.ok("documentation", JsonValue.EMPTY_JSON_OBJECT);
            JsonObject echoDoc = documentation.getJsonArray("actions").getValuesAs(JsonObject.class).stream()
                    .filter(action -> action.getString("name").equals("echo")).findFirst().orElseThrow();
            assertFalse(echoDoc.getString("description").isEmpty());
            assertEquals("text", echoDoc.getJsonArray("params").getJsonObject(0).getString("name"));
            assertEquals("string", echoDoc.getJsonArray("params").getJsonObject(0).getString("type"));
            assertFalse(echoDoc.getJsonArray("params").getJsonObject(1).getBoolean("required"));
        }
    }

    @Test
    void atMostFiveActionsRunAtOnceForAConnectionAndRepliesKeepTheOrderOfTheCalls() {
        JsonObject gate = params("gate", "gate-" + System.nanoTime());
        JsonObject hold = Json.createObjectBuilder().add("action", "hold").add("params", gate).build();
        try (TestClient busy = TestClient.connectAs(socket(), "busy"); TestClient other = TestClient.connectAs(socket(), "other")) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(busy.sendCall("action", hold));
            }
            // another connection is not limited by the first one's actions
            await().atMost(TestClient.TIMEOUT).until(() -> other.call("action", Json.createObjectBuilder()
                    .add("action", "holding").add("params", gate).build()).getInt("data", -1) == 5);
            // a sixth, sent without an id: its refusal comes at once as an error event, not behind the replies
            busy.send(Json.createObjectBuilder().add("type", "method").add("method", "action").add("params", hold).build().toString());
            JsonObject limited = busy.awaitEvent("error");
            assertEquals("RATE_LIMITED", limited.getString("code"));
            assertEquals("at most 5 actions may run at once per connection; wait for a reply", limited.getString("message"));
            long ping = busy.sendCall("ping", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals("done", other.call("action", Json.createObjectBuilder().add("action", "release")
                    .add("params", gate).build()).getString("data"));
            // the replies, in the order they arrived: the ping's waited for the actions before it
            List<JsonObject> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(busy.await(frame -> "reply".equals(frame.getString("type")), "a reply"));
            }
            List<Long> expected = new ArrayList<>(ids);
            expected.add(ping);
            assertEquals(expected, replies.stream().map(reply -> reply.getJsonNumber("id").longValue()).toList());
            for (int i = 0; i < 5; i++) {
                assertEquals("released", replies.get(i).getString("data"));
            }
        }
    }

    // -------------------------------------------------------------------------------------- policies

    /**
     * Application code that blocks — a room policy whose join waits at a gate — holds up only its own connection. On
     * WildFly the endpoints run on Undertow's few I/O threads, each serving many connections (io-threads.cli): the join
     * goes on to a thread of its own, so the 32 others, some on the waiter's I/O thread, are answered meanwhile;
     * the waiter's own later call keeps its place behind the join.
     */
    @Test
    void aPolicyThatWaitsHoldsUpOnlyItsOwnConnectionWhoseLaterCallsKeepTheirPlace() {
        String gate = "join-" + System.nanoTime();
        JsonObject holding = Json.createObjectBuilder().add("action", "holding").add("params", params("gate", gate)).build();
        List<TestClient> others = new ArrayList<>();
        try (TestClient waiter = TestClient.connectAs(socket(), "waiter"); TestClient releaser = TestClient.connectAs(socket(), "releaser")) {
            // open before the join waits: a connection is served by the I/O thread that accepted it, and a thread that
            // waits accepts none, so only connections opened before can share the waiter's (Undertow has 2 per core;
            // the chance that none of 32 does is (3/4)^32 here, about 1 in 10,000)
            for (int i = 0; i < 32; i++) {
                others.add(TestClient.connectAs(socket(), "other-" + i));
            }
            long join = waiter.sendCall("roomAdd", params("room", "moderated-gate-" + gate));
            long ping = waiter.sendCall("ping", JsonValue.EMPTY_JSON_OBJECT);
            await().atMost(TestClient.TIMEOUT).until(() -> releaser.call("action", holding).getInt("data", -1) == 1);
            for (TestClient other : others) {
                other.ok("roomAdd", params("room", "lobby-" + gate));
                other.ok("ping", JsonValue.EMPTY_JSON_OBJECT);
            }
            assertEquals(1, releaser.call("action", holding).getInt("data", -1), "the join still waits at its gate");
            assertTrue(waiter.received().stream().noneMatch(frame -> frame.get("id") instanceof jakarta.json.JsonNumber id
                    && (id.longValue() == join || id.longValue() == ping)),
                    "neither the join nor the ping after it is answered while the join waits");

            assertEquals("done", releaser.call("action", Json.createObjectBuilder().add("action", "release")
                    .add("params", params("gate", gate)).build()).getString("data"));
            JsonObject first = waiter.await(frame -> "reply".equals(frame.getString("type", ""))
                    && frame.get("id") instanceof jakarta.json.JsonNumber id && (id.longValue() == join || id.longValue() == ping),
                    "the join's or the ping's reply");
            assertEquals(join, first.getJsonNumber("id").longValue(), "the join answers first: the ping came after it");
            assertTrue(first.isNull("error"), first.toString());
            assertTrue(waiter.awaitReply(ping).isNull("error"));
        } finally {
            others.forEach(TestClient::close);
        }
    }

    /**
     * While a connection's call waits for application code, its later frames wait too, bounded in characters
     * ({@code switchboard.handoff.maxWaitingChars}, 1,000,000 in this deployment): on WildFly, where Undertow goes on
     * reading from the I/O thread, 80 frames of 60,000 characters behind a waiting join pass the bound, and the
     * connection is closed with 1008 once what waited was answered. (Undertow itself stopped reading the connection
     * after ~46 such frames, 2.8 M characters, when the bound was the default 4 Mi.) On Payara the container reads a
     * connection's next frame only when its thread is done with the last, so nothing piles up on the node: every call
     * is answered and the connection stays.
     */
    @Test
    void framesThatPileUpBehindAWaitingCallAreBoundedInCharacters() throws Exception {
        String gate = "pile-" + System.nanoTime();
        JsonObject holding = Json.createObjectBuilder().add("action", "holding").add("params", params("gate", gate)).build();
        String pad = "p".repeat(60_000);
        try (TestClient waiter = TestClient.connectAs(socket(), "waiter");
                TestClient releaser = TestClient.connectAs(socket(), "releaser")) {
            long join = waiter.sendCall("roomAdd", params("room", "moderated-gate-" + gate));
            await().atMost(TestClient.TIMEOUT).until(() -> releaser.call("action", holding).getInt("data", -1) == 1);
            // on Payara these sends block until the join returns: TCP holds them, as it should
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 80; i++) {
                    waiter.trySend("{\"type\":\"method\",\"id\":" + (10_000 + i) + ",\"method\":\"ping\",\"params\":{\"pad\":\""
                            + pad + "\"}}");
                }
            });
            if ("wildfly".equals(ServerTools.server())) {
                sent.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS); // read while the join waits
            }
            assertEquals("done", releaser.call("action", Json.createObjectBuilder().add("action", "release")
                    .add("params", params("gate", gate)).build()).getString("data"));
            sent.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(waiter.awaitReply(join).isNull("error"), "the join waited and was answered");
            if ("wildfly".equals(ServerTools.server())) {
                LongSupplier answered = () -> waiter.received().stream()
                        .filter(frame -> "reply".equals(frame.getString("type", ""))).count();
                await().atMost(TestClient.TIMEOUT).until(() -> !waiter.isOpen() || answered.getAsLong() == 80);
                assertFalse(waiter.isOpen(), answered.getAsLong() + " pings answered and the connection still open: "
                        + waiter.received().stream().map(JsonObject::toString)
                                .map(frame -> frame.substring(0, Math.min(200, frame.length()))).toList());
                CloseReason closed = waiter.awaitClose();
                assertEquals(1008, closed.getCloseCode().getCode());
                assertEquals("too many calls waiting", closed.getReasonPhrase());
                assertTrue(answered.getAsLong() >= 10 && answered.getAsLong() < 20,
                        answered.getAsLong() + " pings answered: those that fitted in 1,000,000 characters");
            } else {
                for (int i = 0; i < 80; i++) {
                    assertTrue(waiter.awaitReply(10_000 + i).isNull("error"));
                }
                waiter.assertAlive();
            }
            releaser.assertAlive();
        }
    }

    @Test
    void anApplicationPolicyVetoesRewritesAndFiltersPerReceiver() {
        try (TestClient alice = TestClient.connectAs(socket(), "alice");
                TestClient deaf = TestClient.connectAs(socket(), "deaf-dan");
                TestClient shouty = TestClient.connectAs(socket(), "shouty-sue");
                TestClient banned = TestClient.connectAs(socket(), "banned")) {
            for (TestClient member : List.of(alice, deaf, shouty)) {
                member.ok("roomAdd", params("room", "moderated-lounge"));
            }
            JsonObject refusedJoin = banned.call("roomAdd", params("room", "moderated-lounge"));
            assertEquals("FORBIDDEN", refusedJoin.getJsonObject("error").getString("code"));
            assertEquals("banned from moderated rooms", refusedJoin.getJsonObject("error").getString("message"));

            JsonObject refusedSay = alice.call("say", say("moderated-lounge", "a forbidden word"));
            assertEquals("FORBIDDEN", refusedSay.getJsonObject("error").getString("code"));
            alice.ok("say", say("moderated-lounge", "darn it"));
            assertEquals("d**n it", alice.awaitEvent("say").getString("message"));
            assertEquals("D**N IT", shouty.awaitEvent("say").getString("message"));
            alice.ok("say", say("moderated-lounge", "second"));
            assertEquals("second", alice.awaitEvent("say", data -> data.getString("message").equals("second")).getString("message"));
            assertEquals("SECOND", shouty.awaitEvent("say", data -> data.getString("message").equals("SECOND")).getString("message"));
            assertTrue(deaf.received().stream().noneMatch(frame -> "say".equals(frame.getString("event", ""))),
                    "a receiver the policy drops gets nothing");

            alice.ok("roomAdd", params("room", "moderated-hotel"));
            assertEquals("FORBIDDEN", alice.errorOf("roomLeave", params("room", "moderated-hotel")));
            assertEquals("FORBIDDEN", alice.errorOf("roomChange", params("room", "elsewhere")));
            assertTrue(alice.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("rooms").toString().contains("moderated-hotel"));
        }
    }

    @Test
    void theBuiltInPolicyCapsTheRoomsOfAConnection() {
        try (TestClient collector = TestClient.connect(socket())) {
            for (int i = 0; i < 100; i++) {
                collector.ok("roomAdd", params("room", "many-" + i));
            }
            JsonObject refused = collector.call("roomAdd", params("room", "many-100"));
            assertEquals("FORBIDDEN", refused.getJsonObject("error").getString("code"));
            assertEquals("a connection may be in at most 100 rooms", refused.getJsonObject("error").getString("message"));
            collector.ok("roomLeave", params("room", "many-0"));
            collector.ok("roomAdd", params("room", "many-100"));
        }
    }

    // ------------------------------------------------------------------------------------------ file

    @Test
    void theFileVerbServesThePublicFolderAndNothingOutsideIt() {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject hello = client.ok("file", params("file", "hello.txt"));
            assertEquals("hello.txt", hello.getString("file"));
            assertTrue(hello.getString("mime").startsWith("text/plain"), hello.toString());
            assertEquals("utf-8", hello.getString("encoding"));
            assertEquals("Hello from Switchboard's public folder.\n", hello.getString("content"));
            assertEquals(hello.getString("content").getBytes(StandardCharsets.UTF_8).length, hello.getInt("length"));
            assertTrue(hello.getJsonNumber("lastModified").longValue() > 0);

            Map<String, String> corpus = Map.ofEntries(
                    Map.entry("../WEB-INF/glassfish-web.xml", "BAD_PARAMS"),
                    Map.entry("./hello.txt", "BAD_PARAMS"),
                    Map.entry("a/../../WEB-INF/glassfish-web.xml", "BAD_PARAMS"),
                    Map.entry("/etc/passwd", "BAD_PARAMS"),
                    Map.entry("..\\WEB-INF\\glassfish-web.xml", "BAD_PARAMS"),
                    Map.entry("C:/Windows/win.ini", "BAD_PARAMS"),
                    Map.entry("hello.txt\u0000.png", "BAD_PARAMS"),
                    Map.entry("a//b", "BAD_PARAMS"),
                    Map.entry("", "BAD_PARAMS"),
                    Map.entry("%2e%2e/WEB-INF/glassfish-web.xml", "NOT_FOUND"),
                    Map.entry("%2e%2e%2fWEB-INF%2fglassfish-web.xml", "NOT_FOUND"),
                    Map.entry("..%2fWEB-INF%2fglassfish-web.xml", "NOT_FOUND"),
                    Map.entry("WEB-INF/glassfish-web.xml", "NOT_FOUND"),
                    Map.entry("missing.txt", "NOT_FOUND"),
                    Map.entry("x".repeat(2000), "BAD_PARAMS"));
            corpus.forEach((path, code) -> {
                JsonObject reply = client.call("file", params("file", path));
                assertTrue(reply.isNull("data"), () -> "served " + path + ": " + reply);
                assertEquals(code, reply.getJsonObject("error").getString("code"), path);
            });
            assertEquals("BAD_PARAMS", client.errorOf("file", Json.createObjectBuilder().add("file", 7).build()));
            client.assertAlive();
        }
    }

    // ----------------------------------------------------------------------------------- fingerprint

    @Test
    void theFingerprintComesFromTheCookieElseTheQueryElseTheConnectionId() {
        try (TestClient cookie = TestClient.connect(socket(), Map.of("Cookie", "theme=dark; sessionID=browser-42",
                "X-Forwarded-For", "203.0.113.9"));
                TestClient query = TestClient.connect(URI.create(socket() + "?sessionID=from-query"));
                TestClient plain = TestClient.connect(socket())) {
            JsonObject details = cookie.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals("browser-42", details.getString("fingerprint"));
            assertEquals("browser-42", cookie.welcome().getString("fingerprint"));
            // X-Forwarded-For counts only from configured proxies: none by default
            assertEquals("127.0.0.1", details.getString("remoteAddress"));
            assertEquals("from-query", query.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT).getString("fingerprint"));
            assertEquals(plain.id(), plain.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT).getString("fingerprint"));
        }
    }

    @Test
    void theAdminApiChecksItsRoleWhateverApplicationServesIt() {
        ServerTools.addUser("rest-ops", PASSWORD, "switchboard-admin");
        ServerTools.addUser("rest-plain", PASSWORD);
        assertEquals("hello", Http.get(URI.create(base + "app/hello"), null).body(), "the application's own REST API is live");
        for (String login : new String[] {null, basic("rest-plain", PASSWORD)}) {
            // outside /api/admin/* no constraint asks for a login: 401 for nobody, 403 for a user the container logged in anyway
            HttpResponse<String> rooms = Http.get(URI.create(base + "app/admin/rooms"), login);
            assertTrue(rooms.statusCode() == 401 || rooms.statusCode() == 403, () -> rooms.statusCode() + " " + rooms.body());
            HttpResponse<String> drain = Http.send("POST", URI.create(base + "app/admin/drain"), login, null);
            assertTrue(drain.statusCode() == 401 || drain.statusCode() == 403, () -> drain.statusCode() + " " + drain.body());
        }
        assertEquals(401, Http.get(URI.create(base + "app/admin/rooms"), null).statusCode());
        assertEquals(200, Http.get(URI.create(base + "health/ready"), null).statusCode(), "not drained");
        assertEquals(403, Http.get(URI.create(base + "api/admin/rooms"), basic("rest-plain", PASSWORD)).statusCode());
        assertEquals(200, Http.get(URI.create(base + "api/admin/rooms"), basic("rest-ops", PASSWORD)).statusCode(),
                "Switchboard's own Application still serves its listed resources");
    }
}
