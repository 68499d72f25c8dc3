package dev.switchboard.api;

/**
 * How a message is sent: for whom the application speaks, and the key that makes a repeat harmless.
 *
 * @param user the user the application speaks for ({@code from.user} of the message), or {@code null}: the
 *     application itself
 * @param key an idempotency key: a publish or room event whose key the room's history still holds is not sent
 *     again — the stage completes with the original's id and position ({@link Sent#repeated()}); {@code null} for none
 */
public record SendOptions(String user, String key) {

    /** The application speaks for itself, with no key. */
    public static final SendOptions NONE = new SendOptions(null, null);

    /** These options, for this user. */
    public SendOptions as(String user) {
        return new SendOptions(user, key);
    }

    /** These options, with this idempotency key. */
    public SendOptions withKey(String key) {
        return new SendOptions(user, key);
    }
}
