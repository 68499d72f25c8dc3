package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Keycloak;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The company's identity provider — a real Keycloak, its realm imported from a file — signs the tokens, and
 * Switchboard (configured with the issuer alone: its keys come from the discovery document) takes them on WildFly and
 * on Payara: the user from {@code preferred_username}, the roles from {@code groups}. A token signed by another key,
 * expired, of another audience, or unsigned ({@code alg: none}) is refused, with the reason. And the provider's groups
 * are what the rooms' rules ({@code switchboard.rooms.permissions}) decide by: who joins, who says (nobody in a
 * receive-only room), who sees presence; a role cannot be claimed any other way.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityProviderIT {

    private static Keycloak keycloak;
    private static final String SECRET = "identity-provider-it-secret-0123456789";
    private static final String RULES = "[{\"rooms\": \"agents-*\", \"join\": [\"agents\"], \"say\": [\"agents\"]},"
            + " {\"rooms\": \"news\", \"say\": \"nobody\"}, {\"rooms\": \"queue-*\", \"presence\": [\"agents\"]}]";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addAsResource(new StringAsset("switchboard.auth.jwt.issuer=" + Keycloak.ISSUER + "\n"
                + "switchboard.auth.jwt.audience=switchboard\nswitchboard.auth.jwt.clockSkewSeconds=0\n"
                + "switchboard.auth.tokenSecret=" + SECRET + "\nswitchboard.rooms.permissions=" + RULES + "\n"),
                "META-INF/microprofile-config.properties");
    }

    @BeforeAll
    static void startTheIdentityProvider() {
        keycloak = Keycloak.start();
    }

    @AfterAll
    static void stopIt() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @ArquillianResource
    private URL base;

    private URI socket() {
        return Deployments.socket(base);
    }

    private static JsonObject token(String token) {
        return Json.createObjectBuilder().add("token", token).build();
    }

    /** The error message of an auth with this token. */
    private String refusal(String token) {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject reply = client.call("auth", token(token));
            assertEquals("UNAUTHORIZED", reply.getJsonObject("error").getString("code"), reply.toString());
            return reply.getJsonObject("error").getString("message");
        }
    }

    @Test
    void aTokenOfTheCompanysProviderAuthenticatesWithItsUserAndGroups() {
        String token = keycloak.token("switchboard-it", "kate", Keycloak.PASSWORD);
        try (TestClient kate = TestClient.connect(socket())) {
            JsonObject me = kate.ok("auth", token(token));
            assertEquals("kate", me.getString("user"));
            assertEquals(List.of("agents"), me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList());
            kate.ok("roomAdd", TestClient.params("room", "support"));
            kate.ok("say", Json.createObjectBuilder().add("room", "support").add("message", "signed in through Keycloak").build());
            assertEquals("kate", kate.awaitEvent("say").getJsonObject("from").getString("user"));
        }
    }

    @Test
    void aTokenSignedByAnotherKeyOrUnsignedIsRefused() throws Exception {
        SignedJWT real = SignedJWT.parse(keycloak.token("switchboard-it", "kate", Keycloak.PASSWORD));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(real.getHeader().getKeyID()).build(),
                real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(stranger));
        assertEquals("token signature does not match", refusal(forged.serialize()));
        assertEquals("unsigned tokens (alg none) are not accepted", refusal(new PlainJWT(real.getJWTClaimsSet()).serialize()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String reason = refusal(keycloak.token("other-app", "kate", Keycloak.PASSWORD));
        assertTrue(reason.startsWith("token audience not accepted"), reason);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String shortLived = keycloak.token("switchboard-short", "kate", Keycloak.PASSWORD); // valid 10 s
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "token expired".equals(refusalOrNull(shortLived)));
    }

    /** A token of Switchboard's own kind (HS256 with the deployment's secret) for a user with these groups. */
    private static String ownToken(String user, String... groups) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(user)
                .claim("groups", List.of(groups)).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** The error message of a call that must fail. */
    private static String messageOf(TestClient client, String method, JsonObject params) {
        JsonObject reply = client.call(method, params);
        assertTrue(!reply.isNull("error"), () -> method + " should have failed: " + reply);
        return reply.getJsonObject("error").getString("message");
    }

    private static JsonObject room(String room) {
        return TestClient.params("room", room);
    }

    private static JsonObject say(String room, String message) {
        return Json.createObjectBuilder().add("room", room).add("message", message).build();
    }

    @Test
    void theProvidersGroupsAreWhatTheRoomsRulesDecideBy() throws Exception {
        try (TestClient kate = TestClient.connect(socket()); TestClient ann = TestClient.connect(socket());
                TestClient anonymous = TestClient.connect(socket())) {
            kate.ok("auth", token(keycloak.token("switchboard-it", "kate", Keycloak.PASSWORD)));
            ann.ok("auth", token(ownToken("ann")));
            kate.ok("roomAdd", room("agents-desk"));
            kate.ok("say", say("agents-desk", "agents only"));
            assertEquals("only roles [agents] may join room 'agents-desk' (rule 'agents-*')", messageOf(ann, "roomAdd", room("agents-desk")));
            assertEquals("FORBIDDEN", ann.call("listenToRoom", room("agents-desk")).getJsonObject("error").getString("code"));
            assertEquals("UNAUTHORIZED", anonymous.call("roomAdd", room("agents-desk")).getJsonObject("error").getString("code"));

            ann.ok("roomAdd", room("news"));
            assertEquals("room 'news' is receive-only (rule 'news')", messageOf(kate, "say", say("news", "hello")));
            assertEquals("room 'news' is receive-only (rule 'news')", messageOf(ann, "say", say("news", "hello")));
        }
    }

    @Test
    void whoMayNotSeePresenceHearsOnlyOfItselfAndCannotViewTheRoom() throws Exception {
        try (TestClient kate = TestClient.connect(socket()); TestClient ann = TestClient.connect(socket())) {
            kate.ok("auth", token(keycloak.token("switchboard-it", "kate", Keycloak.PASSWORD)));
            ann.ok("auth", token(ownToken("ann")));
            kate.ok("roomAdd", room("queue-1"));
            ann.ok("roomAdd", room("queue-1"));
            assertEquals(ann.id(), kate.awaitEvent("join", data -> data.getJsonObject("member").getString("id").equals(ann.id()))
                    .getJsonObject("member").getString("id"), "an agent sees who comes");
            assertEquals(ann.id(), ann.awaitEvent("join").getJsonObject("member").getString("id"), "ann hears of its own join");
            kate.ok("roomLeave", room("queue-1"));
            kate.ok("roomAdd", room("queue-1"));
            kate.ok("say", say("queue-1", "after my return"));
            ann.awaitEvent("say"); // the room's events come in order: a join or leave of kate's would be here by now
            assertTrue(ann.received().stream().noneMatch(frame -> frame.toString().contains(kate.id())
                    && List.of("join", "leave").contains(frame.getString("event", ""))), ann.received().toString());
            assertEquals("FORBIDDEN", ann.call("roomView", room("queue-1")).getJsonObject("error").getString("code"));
            assertEquals(2, kate.ok("roomView", room("queue-1")).getInt("membersCount"));
        }
    }

    @Test
    void aRoleCannotBeClaimedButOnlyProvenBySomeoneWhoHoldsTheKey() throws Exception {
        try (TestClient ann = TestClient.connect(socket())) {
            JsonObject claimed = Json.createObjectBuilder().add("token", ownToken("ann")).add("roles", Json.createArrayBuilder().add("agents"))
                    .add("groups", Json.createArrayBuilder().add("agents")).build();
            assertEquals(0, ann.ok("auth", claimed).getJsonArray("roles").size(), "roles come from the token alone");
            assertEquals("FORBIDDEN", ann.call("roomAdd", room("agents-desk")).getJsonObject("error").getString("code"));
            SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("ann")
                    .claim("groups", List.of("agents")).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
            forged.sign(new MACSigner("not-the-deployments-secret-0123456789".getBytes(StandardCharsets.UTF_8)));
            assertEquals("token signature does not match", messageOf(ann, "auth", token(forged.serialize())));
        }
    }

    @Test
    void aConnectionIsWarnedBeforeItsTokenExpiresStaysWithAFreshOneAndIsClosedToComeBackWithout() throws Exception {
        try (TestClient kate = TestClient.connect(socket())) {
            String first = keycloak.token("switchboard-short", "kate", Keycloak.PASSWORD); // valid 10 s
            kate.ok("auth", token(first));
            kate.ok("roomAdd", room("renewals"));
            long firstExpiry = SignedJWT.parse(first).getJWTClaimsSet().getExpirationTime().getTime();
            // the fresh token is fetched before the warning comes, so that a slow provider does not eat the first one's life
            String[] later = new String[1]; // a token of a later second (exp counts whole seconds): one of the same second is no fresher
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                later[0] = keycloak.token("switchboard-short", "kate", Keycloak.PASSWORD);
                return SignedJWT.parse(later[0]).getJWTClaimsSet().getExpirationTime().getTime() > firstExpiry;
            });
            String fresh = later[0];
            assertEquals(firstExpiry, kate.awaitEvent("tokenExpiring").getJsonNumber("expiresAt").longValue());
            assertEquals("kate", kate.ok("auth", token(fresh)).getString("user"), "a fresh token of the same user");
            kate.ok("say", say("renewals", "still here")); // its rooms kept
            assertEquals("still here", kate.awaitEvent("say").getString("message"));
            long freshExpiry = SignedJWT.parse(fresh).getJWTClaimsSet().getExpirationTime().getTime();
            kate.awaitEvent("tokenExpiring", data -> data.getJsonNumber("expiresAt").longValue() == freshExpiry);

            JsonObject end = kate.awaitEvent("end"); // not refreshed again
            assertEquals("token expired", end.getString("reason"));
            assertTrue(end.getBoolean("reconnect"), "come back, with a fresh token");
            assertEquals(jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY, kate.awaitClose().getCloseCode());
            assertTrue(kate.received().stream().noneMatch(frame -> "end".equals(frame.getString("event", ""))), "one end, the one awaited");
        }
    }

    private String refusalOrNull(String token) {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject reply = client.call("auth", token(token));
            return reply.isNull("error") ? null : reply.getJsonObject("error").getString("message");
        }
    }
}
