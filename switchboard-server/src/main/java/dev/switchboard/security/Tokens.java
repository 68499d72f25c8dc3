package dev.switchboard.security;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the payload a JSON
 * object {@code {"u": user, "r": [roles], "e": expiry in epoch seconds}}. Verified with the key alone,
 * without a database; every node of a cluster needs the same key. Thread-safe.
 */
public final class Tokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public Tokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key needs at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** Tokens under a key given as text (the {@code switchboard.auth.tokenSecret} setting). */
    public static Tokens withSecret(String secret, Clock clock) {
        return new Tokens(secret.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** Tokens under a fresh random key: valid on this node only, until it restarts. */
    public static Tokens withRandomKey(Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Tokens(key, clock);
    }

    /** A token for this user and these roles, valid for the given time. */
    public String issue(String user, Set<String> roles, Duration validFor) {
        JsonArrayBuilder roleArray = Json.createArrayBuilder();
        new TreeSet<>(roles).forEach(roleArray::add);
        String payload = Json.createObjectBuilder()
                .add("u", user)
                .add("r", roleArray)
                .add("e", clock.instant().plus(validFor).getEpochSecond())
                .build().toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /** When a token issued now would expire. */
    public Instant expiryOf(Duration validFor) {
        return Instant.ofEpochSecond(clock.instant().plus(validFor).getEpochSecond());
    }

    /**
     * The identity a token proves.
     *
     * @throws BadCredentialsException when it is malformed, not signed with this key, or expired
     */
    public Identity verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new BadCredentialsException("malformed token");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("malformed token");
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            throw new BadCredentialsException("token signature does not match");
        }
        JsonObject claims;
        try (JsonReader reader = Json.createReader(new StringReader(new String(payload, StandardCharsets.UTF_8)))) {
            claims = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadCredentialsException("malformed token");
        }
        if (!(claims.get("u") instanceof JsonString user) || !(claims.get("e") instanceof JsonNumber expiry)
                || !(claims.get("r") instanceof jakarta.json.JsonArray roleArray)) {
            throw new BadCredentialsException("malformed token");
        }
        if (clock.instant().getEpochSecond() >= expiry.longValue()) {
            throw new BadCredentialsException("token expired");
        }
        Set<String> roles = new HashSet<>();
        for (JsonValue role : roleArray) {
            if (role instanceof JsonString name) {
                roles.add(name.getString());
            }
        }
        try {
            return new Identity(user.getString(), roles);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("malformed token");
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
