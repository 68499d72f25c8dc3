package dev.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may do what before and after {@code auth}, how failures are counted, and the node's own tokens. Read
 * once (see {@link Settings}).
 *
 * @param guest whether {@code auth} accepts any user name without a key (development only)
 * @param required the methods an anonymous connection may not call (aliases are resolved by the dispatcher)
 * @param maxFailures failed {@code auth} calls in a connection's lifetime after which it is closed
 * @param maxFailuresPerAddress failed {@code auth} calls from one address within {@code failureWindow}
 * @param failureWindow the window of {@code maxFailuresPerAddress}
 * @param tokenSecret the HMAC key of signed tokens; empty: a random key per node
 * @param tokenLifetime how long a token issued by the REST endpoint is valid
 * @param tokenRoles the container roles such a token carries when the user has them
 * @param revocationLifetime how long a revocation that does not say is kept: the longest lifetime of the tokens accepted
 * @param revocationsFile where a node keeps the revocations across restarts; empty: nowhere
 * @param expiryWarning how long before its token expires a connection is told ({@code tokenExpiring})
 */
public record AuthSettings(boolean guest, Set<String> required, int maxFailures, int maxFailuresPerAddress, Duration failureWindow,
        String tokenSecret, Duration tokenLifetime, List<String> tokenRoles, Duration revocationLifetime, Optional<Path> revocationsFile,
        Duration expiryWarning) {

    public static final Setting<Boolean> AUTH_GUEST = Setting.flag("switchboard.auth.guest", false,
            "Whether auth accepts any user name without a key (development only; the log says so).");
    public static final Setting<Set<String>> AUTH_REQUIRED = Setting.names("switchboard.auth.required", "say,tell,action",
            "The methods an anonymous connection may not call, comma-separated; none for none.");
    public static final Setting<Integer> AUTH_MAX_FAILURES = Setting.integer("switchboard.auth.maxFailures", 3, 1, 1000,
            "Failed auth calls in a connection's lifetime after which it is closed with 1008.");
    public static final Setting<Integer> AUTH_MAX_FAILURES_PER_ADDRESS = Setting.integer("switchboard.auth.maxFailuresPerAddress", 30, 1, 1_000_000,
            "Failed auth calls from one remote address within the window, after which its auth is refused.");
    public static final Setting<Integer> AUTH_FAILURE_WINDOW_SECONDS = Setting.integer("switchboard.auth.failureWindowSeconds", 600, 1, 86_400,
            "The window of switchboard.auth.maxFailuresPerAddress, in seconds.");
    public static final Setting<String> AUTH_TOKEN_SECRET = Setting.secret("switchboard.auth.tokenSecret", 32,
            "The HMAC-SHA256 key of signed tokens (at least 32 characters); empty: a random key per node.");
    public static final Setting<Integer> AUTH_TOKEN_SECONDS = Setting.integer("switchboard.auth.tokenSeconds", 3600, 1, 31_536_000,
            "How long a token issued by the REST endpoint is valid, in seconds.");
    public static final Setting<List<String>> AUTH_TOKEN_ROLES = Setting.list("switchboard.auth.tokenRoles", "admin",
            "The container roles a token issued by the REST endpoint carries when the user has them.");

    public static final Setting<Integer> AUTH_REVOCATION_SECONDS = Setting.integer("switchboard.auth.revocationSeconds", 86_400, 1, 31_536_000,
            "How long a revocation that does not say is kept, in seconds: the longest lifetime of the tokens accepted.");
    public static final Setting<String> AUTH_REVOCATIONS_FILE = Setting.text("switchboard.auth.revocationsFile", "",
            "Where a node keeps the revocations across restarts; default: in the server's data directory; none: nowhere.");
    public static final Setting<Integer> AUTH_EXPIRY_WARNING_SECONDS = Setting.integer("switchboard.auth.expiryWarningSeconds", 60, 1, 86_400,
            "How long before its token expires a connection gets tokenExpiring, in seconds.");

    static AuthSettings read(Settings settings, Function<String, String> source) {
        return new AuthSettings(settings.get(AUTH_GUEST), settings.get(AUTH_REQUIRED), settings.get(AUTH_MAX_FAILURES),
                settings.get(AUTH_MAX_FAILURES_PER_ADDRESS), Duration.ofSeconds(settings.get(AUTH_FAILURE_WINDOW_SECONDS)),
                settings.get(AUTH_TOKEN_SECRET), Duration.ofSeconds(settings.get(AUTH_TOKEN_SECONDS)), settings.get(AUTH_TOKEN_ROLES),
                Duration.ofSeconds(settings.get(AUTH_REVOCATION_SECONDS)),
                HistorySettings.dataFile(settings.get(AUTH_REVOCATIONS_FILE), "switchboard-revocations.json", source),
                Duration.ofSeconds(settings.get(AUTH_EXPIRY_WARNING_SECONDS)));
    }

    /** The secret stays out of logs and exceptions. */
    @Override
    public String toString() {
        return "AuthSettings[guest=" + guest + ", required=" + required + ", maxFailures=" + maxFailures + ", maxFailuresPerAddress="
                + maxFailuresPerAddress + ", failureWindow=" + failureWindow + ", tokenSecret=" + (tokenSecret.isEmpty() ? "(none)" : "****")
                + ", tokenLifetime=" + tokenLifetime + ", tokenRoles=" + tokenRoles + ", revocationLifetime=" + revocationLifetime
                + ", revocationsFile=" + revocationsFile + ", expiryWarning=" + expiryWarning + "]";
    }
}
