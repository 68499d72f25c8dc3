package dev.switchboard.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The container's own login of the upgrade request ({@code /secure/socket}: BASIC, or the session of
 * the application's login): {@code auth} with no credentials confirms it, with the container roles
 * Switchboard asked about ({@code switchboard.auth.tokenRoles}).
 */
@ApplicationScoped
@Priority(200)
public class ContainerAuthenticator implements Authenticator {

    @Override
    public Optional<Identity> authenticate(Credentials credentials) {
        if (credentials.principal() == null || credentials.user() != null || credentials.key() != null
                || credentials.token() != null) {
            return Optional.empty();
        }
        return Optional.of(new Identity(credentials.principal().getName(), credentials.principalRoles()));
    }
}
