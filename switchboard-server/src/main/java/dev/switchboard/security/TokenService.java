package dev.switchboard.security;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.config.JwtSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
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
    private JwtSettings jwt;
    private Tokens tokens;
    private JwtVerifier verifier;

    /** For the container's proxy. */
    protected TokenService() {
    }

    @Inject
    public TokenService(AuthSettings settings, JwtSettings jwt) {
        this.settings = settings;
        this.jwt = jwt;
    }

    /** Made at deployment, so that a missing key is in the log before the first token. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing more: being made now runs start(), which logs a missing key
    }

    @PostConstruct
    void start() {
        try {
            prepare();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.ERROR, "Tokens cannot be verified here", e); // the container's own report of it drops the cause
            throw e;
        }
    }

    private void prepare() {
        Clock clock = Clock.systemUTC();
        if (settings.tokenSecret().isEmpty()) {
            LOG.log(Level.WARNING, "No " + AuthSettings.AUTH_TOKEN_SECRET.name() + " set: tokens are signed with a random key,"
                    + " valid on this node only and only until it restarts");
            tokens = new Tokens(Tokens.randomKey(), clock, jwt);
        } else {
            tokens = new Tokens(settings.tokenSecret().getBytes(StandardCharsets.UTF_8), clock, jwt);
        }
        verifier = new JwtVerifier(tokens.key(), jwt.provider() ? new ProviderKeys(jwt) : null, jwt, clock);
        if (jwt.provider()) {
            LOG.log(Level.INFO, "Tokens of the identity provider {0} are accepted (keys: {1}; audience: {2})",
                    jwt.issuer().isEmpty() ? "(any issuer)" : jwt.issuer(),
                    !jwt.jwksFile().isEmpty() ? jwt.jwksFile() : !jwt.jwksUrl().isEmpty() ? jwt.jwksUrl() : "its discovery document",
                    jwt.audience().isEmpty() ? "not checked" : jwt.audience());
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

    /**
     * Who a token proves to be: one of this node's own (or another signed with its secret), or one of the identity
     * provider's ({@link JwtVerifier}).
     *
     * @throws BadCredentialsException when the token is not valid here, with the reason
     */
    public Identity verify(String token) {
        return verifier.verify(token);
    }

    private Duration validity() {
        return settings.tokenLifetime();
    }
}
