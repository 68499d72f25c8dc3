package dev.switchboard.events;

import java.util.Set;

/**
 * A connection on this node authenticated ({@code auth} succeeded): from now on it is this user.
 *
 * @param connectionId its id
 * @param user who it is now
 * @param roles the user's roles
 * @param at when, epoch milliseconds
 */
public record Authenticated(String connectionId, String user, Set<String> roles, long at) {
}
