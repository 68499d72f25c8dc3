package dev.switchboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static final String KEY = "a-key-of-at-least-thirty-two-characters";
    private final Clock now = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private final Tokens tokens = Tokens.withSecret(KEY, now);

    @Test
    void aTokenProvesItsUserAndRolesUntilItExpires() {
        String token = tokens.issue("ann", Set.of("admin", "chat"), Duration.ofMinutes(5));
        Identity ann = tokens.verify(token);
        assertEquals("ann", ann.user());
        assertEquals(Set.of("admin", "chat"), ann.roles());
        assertEquals(now.instant(), ann.issuedAt());
        assertEquals(now.instant().plus(Duration.ofMinutes(5)), ann.expiresAt(), "what proved it, for revocation and expiry");
        assertEquals(36, ann.tokenId().length(), "an id of its own (jti), by which it alone is revoked");
        Tokens withinTheSkew = Tokens.withSecret(KEY, Clock.offset(now, Duration.ofSeconds(5 * 60 + 30)));
        assertEquals("ann", withinTheSkew.verify(token).user(), "clocks may disagree by a minute (switchboard.auth.jwt.clockSkewSeconds)");
        Tokens later = Tokens.withSecret(KEY, Clock.offset(now, Duration.ofMinutes(7)));
        assertEquals("token expired", assertThrows(BadCredentialsException.class, () -> later.verify(token)).getMessage());
    }

    @Test
    void anotherKeyOrATamperedPayloadDoesNotVerify() {
        String token = tokens.issue("ann", Set.of(), Duration.ofMinutes(5));
        Tokens other = Tokens.withSecret("another-key-of-at-least-thirty-two-chars", now);
        assertEquals("token signature does not match",
                assertThrows(BadCredentialsException.class, () -> other.verify(token)).getMessage());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"upn\":\"root\",\"groups\":[\"admin\"],\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + payload + "." + parts[2];
        assertEquals("token signature does not match",
                assertThrows(BadCredentialsException.class, () -> tokens.verify(tampered)).getMessage());
    }

    @Test
    void malformedTokensAreRefusedWithoutAnException() {
        for (String bad : new String[] {"", "no-dot", "a.b.c", ".x", "x.", "!!!.???", "e30.e30"}) {
            assertThrows(BadCredentialsException.class, () -> tokens.verify(bad), bad);
        }
    }

    @Test
    void aTokenIsAJwtWithMicroProfileJwtsClaimsThatAnyLibraryReads() throws java.text.ParseException {
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(tokens.issue("ann", Set.of("b", "a"), Duration.ofMinutes(5)));
        assertEquals("HS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals("ann", jwt.getJWTClaimsSet().getStringClaim("upn"));
        assertEquals("ann", jwt.getJWTClaimsSet().getSubject());
        assertEquals(java.util.List.of("a", "b"), jwt.getJWTClaimsSet().getStringListClaim("groups"));
        assertEquals(Tokens.ISSUER, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(now.instant().plusSeconds(300), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tokens.withSecret("short", now));
    }

    @Test
    void theTokenAuthenticatorTakesATokenOrATokenAsMixersKeyForItsOwnUser() {
        dev.switchboard.config.Settings settings = dev.switchboard.config.Settings.of(java.util.Map.of("switchboard.auth.tokenSecret", KEY));
        TokenService service = new TokenService(settings.auth(), settings.jwt());
        service.start();
        TokenAuthenticator authenticator = new TokenAuthenticator(service);
        String token = service.issue("ann", Set.of());
        assertEquals(Optional.of(service.verify(token)), authenticator.authenticate(Credentials.of(null, null, token)));
        assertEquals("ann", authenticator.authenticate(Credentials.of("ann", token, null)).orElseThrow().user());
        assertThrows(BadCredentialsException.class, () -> authenticator.authenticate(Credentials.of("bob", token, null)));
        // a key that is no token is left to the next authenticator (an application's own)
        assertEquals(Optional.empty(), authenticator.authenticate(Credentials.of("ann", "plain password", null)));
    }

    @Test
    void theGuestAuthenticatorAnswersOnlyWhenSwitchedOn() {
        GuestAuthenticator off = new GuestAuthenticator(dev.switchboard.config.Settings.of(java.util.Map.of()).auth());
        assertEquals(Optional.empty(), off.authenticate(Credentials.of("ann", null, null)));
        GuestAuthenticator on = new GuestAuthenticator(dev.switchboard.config.Settings.of(java.util.Map.of(
                "switchboard.auth.guest", "true")).auth());
        assertEquals(Optional.of(new Identity("ann", Set.of())), on.authenticate(Credentials.of(" ann ", null, null)));
        assertEquals(Optional.empty(), on.authenticate(Credentials.of("ann", "a key", null)));
        assertThrows(BadCredentialsException.class, () -> on.authenticate(Credentials.of("x".repeat(65), null, null)));
        assertThrows(BadCredentialsException.class, () -> on.authenticate(Credentials.of("tab\tname", null, null)));
    }
}
