package dev.switchboard.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.config.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * This node's own tokens: JSON Web Tokens signed with HMAC-SHA256 under the node's secret
 * ({@code switchboard.auth.tokenSecret}), with MicroProfile JWT's claims — {@code upn} and {@code sub} the user,
 * {@code groups} the roles — and {@code iss} {@value #ISSUER}, {@code iat}, {@code exp}, {@code jti}. Verified with
 * the key alone, without a database; every node of a cluster needs the same key. Any JWT library reads them.
 * Thread-safe.
 */
public final class Tokens {

    /** The issuer of this node's tokens. */
    public static final String ISSUER = "switchboard";

    private final byte[] key;
    private final Clock clock;
    private final JwtVerifier verifier;

    public Tokens(byte[] key, Clock clock) {
        this(key, clock, JwtSettings.defaults());
    }

    /** Tokens under this key, verified (with the tokens of others that share it) as these settings say. */
    Tokens(byte[] key, Clock clock, JwtSettings settings) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key needs at least 32 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.clock = clock;
        this.verifier = new JwtVerifier(this.key, null, settings, clock);
    }

    /** Tokens under a key given as text (the {@code switchboard.auth.tokenSecret} setting). */
    public static Tokens withSecret(String secret, Clock clock) {
        return new Tokens(secret.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** Tokens under a fresh random key: valid on this node only, until it restarts. */
    public static Tokens withRandomKey(Clock clock) {
        return new Tokens(randomKey(), clock);
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The key, for the node's verifier of every kind of token. */
    byte[] key() {
        return key.clone();
    }

    /** A token for this user and these roles, valid for the given time. */
    public String issue(String user, Set<String> roles, Duration validFor) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).claim("upn", user)
                .claim("groups", java.util.List.copyOf(new TreeSet<>(roles))).issueTime(Date.from(now))
                .expirationTime(Date.from(Instant.ofEpochSecond(now.plus(validFor).getEpochSecond()))).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC-SHA256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** When a token issued now would expire. */
    public Instant expiryOf(Duration validFor) {
        return Instant.ofEpochSecond(clock.instant().plus(validFor).getEpochSecond());
    }

    /**
     * The identity a token signed with this key proves.
     *
     * @throws BadCredentialsException when it is malformed, not signed with this key, or expired
     */
    public Identity verify(String token) {
        return verifier.verify(token);
    }
}
