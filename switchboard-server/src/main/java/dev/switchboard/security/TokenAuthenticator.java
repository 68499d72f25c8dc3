package dev.switchboard.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * JSON Web Tokens ({@link TokenService}: this node's own, or the identity provider's): {@code {token}}, or Mixer's
 * {@code {user, key}} with a token as the key (then it must be the user's own). A key that is not shaped like a token
 * is left to the next authenticator.
 */
@ApplicationScoped
@Priority(100)
public class TokenAuthenticator implements Authenticator {

    private TokenService tokens;

    /** For the container's proxy. */
    protected TokenAuthenticator() {
    }

    @Inject
    public TokenAuthenticator(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Identity> authenticate(Credentials credentials) {
        if (credentials.token() != null) {
            return Optional.of(tokens.verify(credentials.token()));
        }
        if (credentials.user() != null && credentials.key() != null && looksLikeToken(credentials.key())) {
            Identity identity = tokens.verify(credentials.key());
            if (!identity.user().equals(credentials.user())) {
                throw new BadCredentialsException("the key is not one of user '" + credentials.user() + "'");
            }
            return Optional.of(identity);
        }
        return Optional.empty();
    }

    /** A compact JWS: three base64url parts. */
    private static boolean looksLikeToken(String key) {
        return key.chars().filter(c -> c == '.').count() == 2 && !key.startsWith(".") && !key.contains("..")
                && key.chars().allMatch(c -> c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c));
    }
}
