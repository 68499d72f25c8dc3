package dev.switchboard.config;

import java.util.List;

/**
 * What the server believes of an upgrade request: which origins may connect, which proxies' addresses to
 * trust, where a connection's fingerprint comes from. Read once (see {@link Settings}).
 *
 * @param origins browser origins allowed besides the server's own host; {@code *} for any
 * @param trustedProxies addresses or CIDR blocks whose {@code X-Forwarded-For} is believed
 * @param fingerprintCookie the cookie whose value is a connection's fingerprint
 * @param fingerprintParameter the query parameter that is, when the cookie is absent
 */
public record HandshakeSettings(List<String> origins, List<String> trustedProxies, String fingerprintCookie, String fingerprintParameter) {

    public static final Setting<List<String>> ORIGINS = Setting.list("switchboard.origins", "",
            "Browser origins allowed besides the server's own host, comma-separated; * for any.");
    public static final Setting<List<String>> TRUSTED_PROXIES = Setting.list("switchboard.trustedProxies", "",
            "Proxies whose X-Forwarded-For is believed: addresses or IPv4 CIDR blocks, comma-separated.");
    public static final Setting<String> FINGERPRINT_COOKIE = Setting.text("switchboard.fingerprint.cookie", "sessionID",
            "The cookie whose value is a connection's fingerprint.");
    public static final Setting<String> FINGERPRINT_PARAMETER = Setting.text("switchboard.fingerprint.parameter", "sessionID",
            "The query parameter whose value is a connection's fingerprint when the cookie is absent.");

    static HandshakeSettings read(Settings settings) {
        return new HandshakeSettings(settings.get(ORIGINS), settings.get(TRUSTED_PROXIES), settings.get(FINGERPRINT_COOKIE),
                settings.get(FINGERPRINT_PARAMETER));
    }
}
