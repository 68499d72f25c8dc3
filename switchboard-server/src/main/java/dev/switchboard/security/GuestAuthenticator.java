package dev.switchboard.security;

import dev.switchboard.config.AuthSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;

/**
 * Development only: with {@code switchboard.auth.guest=true}, {@code auth {user}} without a key makes the
 * connection that user — anyone may claim any name. Off by default; on in the README's run command; the
 * log says so at deployment.
 */
@ApplicationScoped
@Priority(900)
public class GuestAuthenticator implements Authenticator {

    private static final Logger LOG = System.getLogger(GuestAuthenticator.class.getName());
    static final int MAX_NAME = 64;

    private boolean enabled;

    /** For the container's proxy. */
    protected GuestAuthenticator() {
    }

    @Inject
    public GuestAuthenticator(AuthSettings settings) {
        this.enabled = settings.guest();
    }

    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (enabled) {
            LOG.log(Level.WARNING, "Guest authentication is ON (" + AuthSettings.AUTH_GUEST.name()
                    + "=true): anyone may claim any user name. For development only.");
        }
    }

    @Override
    public Optional<Identity> authenticate(Credentials credentials) {
        if (!enabled || credentials.user() == null || credentials.key() != null || credentials.token() != null) {
            return Optional.empty();
        }
        String user = credentials.user().strip();
        if (user.isEmpty() || user.length() > MAX_NAME || user.chars().anyMatch(Character::isISOControl)) {
            throw new BadCredentialsException("a guest name has 1 to " + MAX_NAME + " characters, no control characters");
        }
        return Optional.of(new Identity(user, Set.of()));
    }
}
