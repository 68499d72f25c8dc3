package dev.switchboard.security;

import java.util.Optional;

/**
 * Proves who a connection is. Application code adds one as a CDI bean (any scope); the {@code auth}
 * verb asks every authenticator in {@link jakarta.annotation.Priority} order (lower first, none given:
 * {@value #DEFAULT_PRIORITY}) and takes the first answer.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Priority(10)
 * public class LdapAuthenticator implements Authenticator {
 *     public Optional<Identity> authenticate(Credentials credentials) {
 *         if (credentials.user() == null || credentials.key() == null) {
 *             return Optional.empty();                      // not mine: ask the next one
 *         }
 *         if (!directory.check(credentials.user(), credentials.key())) {
 *             throw new BadCredentialsException("wrong user or key");
 *         }
 *         return Optional.of(new Identity(credentials.user(), directory.roles(credentials.user())));
 *     }
 * }
 * }</pre>
 */
public interface Authenticator {

    /** The priority of an authenticator without {@code @Priority}. */
    int DEFAULT_PRIORITY = 1000;

    /**
     * @return the identity, or empty when these credentials are not for this authenticator
     * @throws BadCredentialsException when they are for it but wrong (the caller gets {@code UNAUTHORIZED})
     */
    Optional<Identity> authenticate(Credentials credentials);
}
