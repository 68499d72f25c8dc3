package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Keycloak;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
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
 * expired, of another audience, or unsigned ({@code alg: none}) is refused, with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityProviderIT {

    private static Keycloak keycloak;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addAsResource(new StringAsset("switchboard.auth.jwt.issuer=" + Keycloak.ISSUER + "\n"
                + "switchboard.auth.jwt.audience=switchboard\nswitchboard.auth.jwt.clockSkewSeconds=0\n"), "META-INF/microprofile-config.properties");
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
        String shortLived = keycloak.token("switchboard-short", "kate", Keycloak.PASSWORD); // valid 3 s
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "token expired".equals(refusalOrNull(shortLived)));
    }

    private String refusalOrNull(String token) {
        try (TestClient client = TestClient.connect(socket())) {
            JsonObject reply = client.call("auth", token(token));
            return reply.isNull("error") ? null : reply.getJsonObject("error").getString("message");
        }
    }
}
