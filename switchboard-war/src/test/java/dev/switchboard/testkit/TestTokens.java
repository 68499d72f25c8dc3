package dev.switchboard.testkit;

import dev.switchboard.security.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Tokens signed with the key every IT server gets ({@code SWITCHBOARD_AUTH_TOKEN_SECRET}, set by the build
 * from {@code it.token.secret}): what an application's own code would issue.
 */
public final class TestTokens {

    /** The ITs' token key (the build passes the same to the servers). */
    public static final String SECRET = System.getProperty("switchboard.it.tokenSecret", "switchboard-it-token-secret-0123456789");

    private TestTokens() {
    }

    public static String issue(String user, String... roles) {
        return Tokens.withSecret(SECRET, Clock.systemUTC()).issue(user, Set.of(roles), Duration.ofHours(1));
    }
}
