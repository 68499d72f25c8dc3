package com.example.helpdesk;

import dev.switchboard.security.BadCredentialsException;
import dev.switchboard.security.Identity;
import dev.switchboard.security.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;

/**
 * Who calls the REST resources: the user of the Switchboard token in {@code Authorization: Bearer <token>} — the same
 * token the page and the agent sign in to the socket with, checked with the injected {@link TokenService}.
 */
@ApplicationScoped
public class Callers {

    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;

    /**
     * @param authorization the request's {@code Authorization} header
     * @throws NotAuthorizedException (401) without a token, or with one that is not valid here
     */
    public Identity of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new NotAuthorizedException("expected 'Authorization: Bearer <token>'", "Bearer");
        }
        try {
            return tokens.verify(authorization.substring(BEARER.length()).strip());
        } catch (BadCredentialsException e) {
            throw new NotAuthorizedException(e.getMessage(), "Bearer error=\"invalid_token\"");
        }
    }
}
