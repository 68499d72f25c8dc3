package dev.switchboard.protocol;

/**
 * Who did something: {@code from} of a {@code say} or {@code tell}, {@code member} of a {@code join} or {@code leave}.
 *
 * @param id the connection id; {@code null} when the server's application did it (a publish or a tell from
 *     application code), then {@code user} is the user it did it for, or {@code null}
 * @param user the authenticated user, {@code null} for an anonymous connection
 */
public record Peer(String id, String user) {

    /** The application itself, or a user it acts for ({@code null}: nobody in particular). */
    public static Peer application(String user) {
        return new Peer(null, user);
    }
}
