package dev.switchboard.rooms;

import java.util.List;

/**
 * How a connection, or every connection of a user, is named where the two must not be confused: {@code tell}'s
 * {@code to} is "a connection id or a user" for clients, but the application's {@code Target} says which one, and a
 * user who took a connection's id as their name must not get its messages. A name without a prefix is either.
 */
public final class ConnectionNames {

    /** Printable (they cross JMS as string properties), and never a connection id (a UUID). */
    private static final String CONNECTION = "=c=";
    private static final String USER = "=u=";

    private ConnectionNames() {
    }

    /** The connection with this id, and no user of that name. */
    public static String connection(String id) {
        return CONNECTION + id;
    }

    /** Every connection of this user, and no connection of that id. */
    public static String user(String name) {
        return USER + name;
    }

    static boolean isConnection(String target) {
        return target.startsWith(CONNECTION);
    }

    static boolean isUser(String target) {
        return target.startsWith(USER);
    }

    /** What a directory looks up: the name without its prefix. */
    static String lookup(String target) {
        return target.startsWith(CONNECTION) ? target.substring(CONNECTION.length())
                : target.startsWith(USER) ? target.substring(USER.length()) : target;
    }

    /** The members a directory found for the name, of the kind the name says. */
    static List<? extends Member> only(String target, List<? extends Member> found) {
        if (target.startsWith(CONNECTION)) {
            String id = lookup(target);
            return found.stream().filter(member -> id.equals(member.id())).toList();
        }
        if (target.startsWith(USER)) {
            String user = lookup(target);
            return found.stream().filter(member -> user.equals(member.user())).toList();
        }
        return found;
    }
}
