package dev.switchboard.security;

import java.util.Set;

/** A user a connection has proven to be, with the roles it holds. */
public record Identity(String user, Set<String> roles) {

    public Identity {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("an identity needs a user name");
        }
        roles = Set.copyOf(roles);
    }
}
