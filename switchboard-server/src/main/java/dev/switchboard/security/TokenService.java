package dev.switchboard.security;

import dev.switchboard.config.AuthSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The node's {@link Tokens}, under {@code switchboard.auth.tokenSecret}; without it, under a random key
 * (valid on this node until it restarts, which the log says once). Application code injects this to
 * issue tokens for its own users.
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = System.getLogger(TokenService.class.getName());

    private AuthSettings settings;
    private Tokens tokens;

    /** For the container's proxy. */
    protected TokenService() {
    }

    @Inject
    public TokenService(AuthSettings settings) {
        this.settings = settings;
    }

    /** Made at deployment, so that a missing key is in the log before the first token. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing more: being made now runs start(), which logs a missing key
    }

    @PostConstruct
    void start() {
        if (settings.tokenSecret().isEmpty()) {
            LOG.log(Level.WARNING, "No " + AuthSettings.AUTH_TOKEN_SECRET.name() + " set: tokens are signed with a random key,"
                    + " valid on this node only and only until it restarts");
            tokens = Tokens.withRandomKey(Clock.systemUTC());
        } else {
            tokens = Tokens.withSecret(settings.tokenSecret(), Clock.systemUTC());
        }
    }

    /** A token for this user and roles, valid for {@code switchboard.auth.tokenSeconds}. */
    public String issue(String user, Set<String> roles) {
        return tokens.issue(user, roles, validity());
    }

    /** When a token issued now expires. */
    public Instant expiryOfNew() {
        return tokens.expiryOf(validity());
    }

    /** @throws BadCredentialsException when the token is not valid here */
    public Identity verify(String token) {
        return tokens.verify(token);
    }

    private Duration validity() {
        return settings.tokenLifetime();
    }
}
