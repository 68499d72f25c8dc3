package dev.switchboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.config.JwtSettings;
import dev.switchboard.config.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens of an identity provider, against its JWKS — and none that should not pass. */
class JwtVerifierTest {

    private static final String ISSUER = "https://idp.example.com/realms/switchboard";
    private static final String SECRET = "a-key-of-at-least-thirty-two-characters";
    private final Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final RSAKey rsa = key("rsa-1");
    private final ECKey ec = ecKey("ec-1");

    @TempDir
    Path directory;

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static ECKey ecKey(String id) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private JwtVerifier verifier(Path jwks, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of("switchboard.auth.jwt.issuer", ISSUER, "switchboard.auth.jwt.jwksFile", jwks.toString(),
                "switchboard.auth.jwt.audience", "switchboard"));
        values.putAll(more);
        JwtSettings settings = Settings.of(values).jwt();
        return new JwtVerifier(SECRET.getBytes(StandardCharsets.UTF_8), new ProviderKeys(settings), settings, clock);
    }

    private Path jwks(JWKSet keys) throws IOException {
        Path file = directory.resolve("jwks-" + System.nanoTime() + ".json");
        Files.writeString(file, keys.toPublicJWKSet().toString());
        return file;
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("switchboard", "account")).subject("f1b2-uuid")
                .claim("preferred_username", "kate").claim("groups", List.of("agents")).issueTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String refusal(JwtVerifier verifier, String token) {
        return assertThrows(BadCredentialsException.class, () -> verifier.verify(token)).getMessage();
    }

    @Test
    void aProvidersTokenProvesItsUserAndGroups() throws Exception {
        JwtVerifier verifier = verifier(jwks(new JWKSet(List.of(rsa, ec))), Map.of());
        Identity kate = verifier.verify(signed(rsa, claims().jwtID("t-1").build()));
        assertEquals(new Identity("kate", Set.of("agents"), "t-1", now.minusSeconds(10), now.plusSeconds(300)), kate,
                "with what proved it: the token's id, when it was issued and until when");
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().claim("upn", "kate@corp").build());
        es.sign(new ECDSASigner(ec));
        assertEquals("kate@corp", verifier.verify(es.serialize()).user(), "upn before preferred_username, as MicroProfile JWT");
    }

    @Test
    void aTokenSignedWithAnotherKeyExpiredOfAnotherAudienceOrIssuerIsRefusedWithTheReason() throws Exception {
        JwtVerifier verifier = verifier(jwks(new JWKSet(rsa)), Map.of("switchboard.auth.jwt.clockSkewSeconds", "0"));
        RSAKey stranger = key("rsa-1"); // the same kid, another key
        assertEquals("token signature does not match", refusal(verifier, signed(stranger, claims().build())));
        assertEquals("token expired", refusal(verifier, signed(rsa, claims().expirationTime(Date.from(now.minusSeconds(1))).build())));
        assertEquals("token not valid yet", refusal(verifier, signed(rsa, claims().notBeforeTime(Date.from(now.plusSeconds(60))).build())));
        assertEquals("token issued in the future (iat)", refusal(verifier, signed(rsa, claims().issueTime(Date.from(now.plusSeconds(60))).build())));
        assertTrue(refusal(verifier, signed(rsa, claims().audience("another-app").build())).startsWith("token audience not accepted"));
        assertTrue(refusal(verifier, signed(rsa, claims().issuer("https://evil.example.com").build())).startsWith("token issuer not accepted"));
        assertEquals("token names no user: none of the claims [upn, preferred_username, sub]",
                refusal(verifier, signed(rsa, claims().subject(null).claim("preferred_username", null).build())));
    }

    @Test
    void anUnsignedTokenAnHmacMadeWithThePublicKeyAndAnAlgorithmNotAllowedAreRefused() throws Exception {
        JwtVerifier verifier = verifier(jwks(new JWKSet(rsa)), Map.of());
        assertEquals("unsigned tokens (alg none) are not accepted", refusal(verifier, new PlainJWT(claims().build()).serialize()));
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        confused.sign(new MACSigner(rsa.toPublicJWK().toRSAPublicKey().getEncoded())); // alg confusion: the public key as an HMAC secret
        assertEquals("token signature does not match", refusal(verifier, confused.serialize()));
        JwtVerifier rsaOnly = verifier(jwks(new JWKSet(rsa)), Map.of("switchboard.auth.jwt.algorithms", "RS256"));
        assertTrue(refusal(rsaOnly, Tokens.withSecret(SECRET, clock).issue("ann", Set.of(), Duration.ofMinutes(5)))
                .startsWith("token algorithm HS256 is not accepted here"));
        assertEquals("ann", verifier.verify(Tokens.withSecret(SECRET, clock).issue("ann", Set.of(), Duration.ofMinutes(5))).user(),
                "the node's own tokens beside the provider's");
    }

    @Test
    void aNewKeyInTheFileIsUsedWithoutARestart() throws Exception {
        Path file = jwks(new JWKSet(rsa));
        JwtVerifier verifier = verifier(file, Map.of());
        RSAKey rotated = key("rsa-2");
        assertEquals("token signature does not match", refusal(verifier, signed(rotated, claims().build())));
        Files.writeString(file, new JWKSet(List.of(rsa, rotated)).toPublicJWKSet().toString());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("kate", verifier.verify(signed(rotated, claims().build())).user());
    }

    @Test
    void theKeysAreFoundThroughTheIssuersDiscoveryDocumentAndFetchedAgainForAnUnknownKey() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/switchboard";
        JWKSet[] published = {new JWKSet(rsa)};
        AtomicInteger fetches = new AtomicInteger();
        server.createContext("/realms/switchboard/.well-known/openid-configuration", exchange -> answer(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\"}"));
        server.createContext("/realms/switchboard/protocol/openid-connect/certs", exchange -> {
            fetches.incrementAndGet();
            answer(exchange, published[0].toPublicJWKSet().toString());
        });
        server.start();
        try {
            JwtSettings settings = Settings.of(Map.of("switchboard.auth.jwt.issuer", issuer)).jwt();
            JwtVerifier verifier = new JwtVerifier(null, new ProviderKeys(settings), settings, clock);
            assertEquals("kate", verifier.verify(signed(rsa, claims().issuer(issuer).build())).user());
            RSAKey rotated = key("rsa-2");
            published[0] = new JWKSet(List.of(rsa, rotated));
            assertEquals("kate", verifier.verify(signed(rotated, claims().issuer(issuer).build())).user(), "a kid it did not know: fetched again");
            assertEquals(2, fetches.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aProviderThatCannotBeReachedRefusesItsTokensWithoutSayingWhereItIsAndIsUsedOnceItAnswers() throws Exception {
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/switchboard";
        boolean[] up = {false}; // the provider is still starting (or down) when the first token comes
        provider.createContext("/realms/switchboard/.well-known/openid-configuration", exchange -> {
            if (up[0]) {
                answer(exchange, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}");
            } else {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            }
        });
        provider.createContext("/realms/switchboard/certs", exchange -> answer(exchange, new JWKSet(rsa).toPublicJWKSet().toString()));
        provider.start();
        try {
            JwtSettings settings = Settings.of(Map.of("switchboard.auth.jwt.issuer", issuer)).jwt();
            JwtVerifier verifier = new JwtVerifier(null, new ProviderKeys(settings), settings, clock);
            String token = signed(rsa, claims().issuer(issuer).build());
            assertEquals("the identity provider's keys are not available: try again later", refusal(verifier, token));
            up[0] = true;
            assertEquals("kate", verifier.verify(token).user(), "found once it answers, without a restart");
        } finally {
            provider.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
