package dev.switchboard.server;

import java.util.List;

/**
 * A connection's fingerprint (actionhero's): the value of a cookie, else of a query parameter, else
 * the connection id — so that the tabs of one browser session can be told apart from other people.
 */
final class Fingerprints {

    private static final int MAX_LENGTH = 256;

    private Fingerprints() {
    }

    static String of(Handshake handshake, String cookie, String parameter, String connectionId) {
        String fromCookie = cookie(handshake.cookies(), cookie);
        if (fromCookie != null) {
            return fromCookie;
        }
        List<String> values = handshake.parameters().get(parameter);
        if (values != null && !values.isEmpty() && usable(values.get(0))) {
            return values.get(0);
        }
        return connectionId;
    }

    /** The value of a cookie in {@code Cookie} headers ({@code a=1; b=2}), or {@code null}. */
    static String cookie(List<String> headers, String name) {
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    String value = pair.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (usable(value)) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private static boolean usable(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        return value.chars().noneMatch(Character::isISOControl);
    }
}
