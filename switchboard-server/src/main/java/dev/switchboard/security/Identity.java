package dev.switchboard.security;

import java.time.Instant;
import java.util.Set;

/**
 * A user a connection has proven to be, with the roles it holds, and what proved it: a token's id, when it was issued
 * and until when it is valid ({@code null} where the proof says nothing of it, as an {@code Authenticator} of the
 * application's may not).
 */
public record Identity(String user, Set<String> roles, String tokenId, Instant issuedAt, Instant expiresAt) {

    public Identity {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("an identity needs a user name");
        }
        roles = Set.copyOf(roles);
    }

    /** A user and its roles, proven by something that neither expires nor has an id. */
    public Identity(String user, Set<String> roles) {
        this(user, roles, null, null, null);
    }

    /** This identity as proven at this moment (a container's login: what it proves, it proves now). */
    public Identity provenAt(Instant at) {
        return new Identity(user, roles, tokenId, at, expiresAt);
    }
}
