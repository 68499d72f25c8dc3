package dev.switchboard.rooms;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do one thing in a room ({@link RoomRule}): anyone (anonymous connections too), any authenticated user,
 * nobody (a receive-only room's {@code say}), or a user with any one of some roles.
 *
 * @param kind which of the four
 * @param roles the roles of {@link Kind#ROLES}; empty otherwise
 */
public record Access(Kind kind, Set<String> roles) {

    /** The four kinds of access. */
    public enum Kind {
        ANYONE, AUTHENTICATED, NOBODY, ROLES
    }

    private static final Access ANYONE = new Access(Kind.ANYONE, Set.of());
    private static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, Set.of());
    private static final Access NOBODY = new Access(Kind.NOBODY, Set.of());

    public Access {
        roles = Set.copyOf(roles);
        if (kind == Kind.ROLES && roles.isEmpty()) {
            throw new IllegalArgumentException("access by roles names at least one role (nobody() for none)");
        }
    }

    public static Access anyone() {
        return ANYONE;
    }

    public static Access authenticated() {
        return AUTHENTICATED;
    }

    public static Access nobody() {
        return NOBODY;
    }

    /** A user with any one of these roles. */
    public static Access roles(Collection<String> roles) {
        return new Access(Kind.ROLES, Set.copyOf(roles));
    }

    /** {@code ["anyone"]}, {@code ["authenticated"]}, {@code ["nobody"]} or role names, as configured. */
    public static Access of(List<String> configured) {
        if (configured.size() == 1) {
            switch (configured.get(0)) {
                case "anyone":
                    return ANYONE;
                case "authenticated":
                    return AUTHENTICATED;
                case "nobody":
                    return NOBODY;
                default:
                    break;
            }
        }
        return roles(configured);
    }

    /** Whether this member may. */
    public boolean allows(Member member) {
        return switch (kind) {
            case ANYONE -> true;
            case AUTHENTICATED -> member.user() != null;
            case NOBODY -> false;
            case ROLES -> member.user() != null && member.roles().stream().anyMatch(roles::contains);
        };
    }

    /** This access, or {@link #authenticated()} where it let anonymous connections in. */
    Access authenticatedOnly() {
        return kind == Kind.ANYONE ? AUTHENTICATED : this;
    }

    @Override
    public String toString() {
        return kind == Kind.ROLES ? "roles " + new TreeSet<>(roles) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
