package dev.switchboard.security;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;

/**
 * A revocation: one token by its id ({@code jti}), or every token of a user issued before a time; kept {@code until}
 * the tokens it covers have expired anyway. As JSON it travels between nodes and is kept in a node's file.
 *
 * @param tokenId the revoked token's id, or {@code null} for a user's tokens
 * @param user the user whose tokens issued before {@code issuedBefore} are revoked, or {@code null} for one token
 * @param issuedBefore with {@code user}: tokens (and logins) proven before it are revoked
 * @param until when it may be forgotten
 */
public record Revocation(String tokenId, String user, Instant issuedBefore, Instant until) {

    public Revocation {
        if ((tokenId == null) == (user == null)) {
            throw new IllegalArgumentException("a revocation names a token id or a user, not both");
        }
        if (user != null && issuedBefore == null) {
            throw new IllegalArgumentException("a user's revocation says before when its tokens were issued");
        }
        if (until == null) {
            throw new IllegalArgumentException("a revocation says until when it is kept");
        }
    }

    /** One token, by its id. */
    public static Revocation ofToken(String tokenId, Instant until) {
        return new Revocation(tokenId, null, null, until);
    }

    /** Every token of a user issued before a time. */
    public static Revocation ofUser(String user, Instant issuedBefore, Instant until) {
        return new Revocation(null, user, issuedBefore, until);
    }

    /** Whether it revokes what proved this identity. */
    public boolean covers(Identity identity) {
        if (tokenId != null) {
            return tokenId.equals(identity.tokenId());
        }
        return user.equals(identity.user()) && (identity.issuedAt() == null || identity.issuedAt().isBefore(issuedBefore));
    }

    /** Whether it may be forgotten at this time. */
    public boolean expired(Instant now) {
        return !now.isBefore(until);
    }

    /** What a client is told when its connection is closed for it, or its token refused. */
    public String reason() {
        return tokenId != null ? "token revoked" : "tokens of user '" + user + "' revoked";
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (tokenId != null) {
            json.add("tokenId", tokenId);
        } else {
            json.add("user", user).add("issuedBefore", issuedBefore.toEpochMilli());
        }
        return json.add("until", until.toEpochMilli()).build();
    }

    /** @throws IllegalArgumentException when the JSON is not a revocation */
    public static Revocation fromJson(JsonObject json) {
        try {
            String tokenId = json.get("tokenId") instanceof JsonString id ? id.getString() : null;
            String user = json.get("user") instanceof JsonString name ? name.getString() : null;
            Instant issuedBefore = json.get("issuedBefore") instanceof JsonNumber before ? Instant.ofEpochMilli(before.longValueExact()) : null;
            Instant until = json.get("until") instanceof JsonNumber end ? Instant.ofEpochMilli(end.longValueExact()) : null;
            return new Revocation(tokenId, user, issuedBefore, until);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a time is epoch milliseconds", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a revocation's JSON */
    public static Revocation parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return fromJson(reader.readObject());
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw new IllegalArgumentException("not a revocation: " + e.getMessage(), e);
        }
    }
}
