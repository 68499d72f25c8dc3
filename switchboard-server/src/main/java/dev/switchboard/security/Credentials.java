package dev.switchboard.security;

import java.security.Principal;
import java.util.Set;

/**
 * What an {@code auth} call brings: Mixer's {@code {user, key}}, a {@code {token}}, or nothing but the
 * container's login of the upgrade request ({@code principal}, {@code null} when there was none, and
 * its roles among {@code switchboard.auth.tokenRoles}). Any of the strings may be {@code null}.
 */
public record Credentials(String user, String key, String token, Principal principal, Set<String> principalRoles) {

    public Credentials {
        principalRoles = principalRoles == null ? Set.of() : Set.copyOf(principalRoles);
    }

    /** Credentials of a call, without a container login. */
    public static Credentials of(String user, String key, String token) {
        return new Credentials(user, key, token, null, Set.of());
    }
}
