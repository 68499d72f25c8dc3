package dev.switchboard.api;

import java.util.Objects;

/**
 * Whom an operation of {@link Switchboard} is aimed at: a room's members, every connection of a user, or one
 * connection — wherever they are in the cluster.
 *
 * @param kind which of the three
 * @param name the room's name, the user, or the connection's id
 */
public record Target(Kind kind, String name) {

    /** What a target names. */
    public enum Kind {
        /** Every member of a room. */
        ROOM,
        /** Every connection of a user. */
        USER,
        /** One connection, by its id. */
        CONNECTION
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("expected a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " name, got "
                    + (name == null ? "none" : "a blank one"));
        }
    }

    public static Target room(String name) {
        return new Target(Kind.ROOM, name);
    }

    public static Target user(String name) {
        return new Target(Kind.USER, name);
    }

    public static Target connection(String id) {
        return new Target(Kind.CONNECTION, id);
    }
}
