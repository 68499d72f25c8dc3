package dev.switchboard.verbs;

/**
 * A client's idempotency key ({@code key} in the params of {@code say} and {@code tell}): a string of 1 to
 * {@value #MAX_LENGTH} characters the client chose, unique per user. Scoped here by the method and the caller's user,
 * so that one user's key never names another's message; an anonymous connection's key is scoped by the method only
 * (the clients make keys no one can guess).
 */
final class ClientKeys {

    static final int MAX_LENGTH = 128;

    private ClientKeys() {
    }

    /** The key of these params, scoped; {@code null} when the call has none. */
    static String scoped(String method, Caller caller, Params params) {
        String key = params.optionalString("key");
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new BadParamsException("expected param 'key' to be 1 to " + MAX_LENGTH + " characters, got " + key.length());
        }
        String user = caller.user();
        return method + ":" + (user == null ? "-" : user.length() + ":" + user) + ":" + key;
    }
}
