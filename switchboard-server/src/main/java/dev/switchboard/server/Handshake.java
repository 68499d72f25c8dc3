package dev.switchboard.server;

import dev.switchboard.config.Settings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the upgrade request said that a connection needs later — cookies, query parameters,
 * {@code X-Forwarded-For}, the container roles of its login, and whether its {@code Origin} is allowed
 * ({@code refusedOrigin}: the origin when it is not) — copied while the request exists.
 * {@code ServerEndpointConfig.Configurator.checkOrigin} cannot decide "the server's own host": it does
 * not see the {@code Host} header; so a refused origin is closed at once on open, before its welcome.
 * Jakarta WebSocket 2.1 gives each handshake its own copy of the user properties, which become the
 * session's.
 */
record Handshake(List<String> cookies, Map<String, List<String>> parameters, List<String> forwardedFor,
        Set<String> roles, String refusedOrigin) {

    static final String PROPERTY = Handshake.class.getName();
    /** The property holding what lets go of the upgraded request once the session is open ({@link UpgradeExchange}). */
    static final String RELEASE = PROPERTY + ".release";

    static final Handshake NONE = new Handshake(List.of(), Map.of(), List.of(), Set.of(), null);

    /** The query parameter, and its value, with which a client asks for presence diffs ({@code …/socket?presence=diff}). */
    static final String PRESENCE = "presence";
    static final String DIFF = "diff";

    /** A handshake as the tests make it: no refused origin. */
    Handshake(List<String> cookies, Map<String, List<String>> parameters, List<String> forwardedFor, Set<String> roles) {
        this(cookies, parameters, forwardedFor, roles, null);
    }

    /** Whether the client asked for presence diffs ({@link dev.switchboard.rooms.Member#presenceDiffs()}). */
    boolean presenceDiffs() {
        List<String> values = parameters.get(PRESENCE);
        return values != null && values.contains(DIFF);
    }

    /** The configurator of Switchboard's endpoints: captures the {@link Handshake}; the rest is the container's. */
    public static final class Capture extends ServerEndpointConfig.Configurator {

        /**
         * The settings (their client proxy) and the origins they allow, looked up once rather than per handshake, as in
         * {@link CallDecoder}: the settings are read when the application starts.
         */
        private volatile Settings settings;
        private volatile Origins origins;

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            super.modifyHandshake(config, request, response);
            Settings settings = this.settings;
            Origins origins = this.origins;
            if (settings == null || origins == null) {
                settings = CDI.current().select(Settings.class).get();
                origins = new Origins(settings.handshake().origins());
                this.origins = origins;
                this.settings = settings;
            }
            Set<String> roles = new HashSet<>();
            if (request.getUserPrincipal() != null) {
                for (String role : settings.auth().tokenRoles()) {
                    if (request.isUserInRole(role)) {
                        roles.add(role);
                    }
                }
            }
            Map<String, List<String>> headers = request.getHeaders();
            String origin = first(header(headers, "Origin"));
            boolean allowed = origins.allows(origin, first(header(headers, "Host")));
            Runnable terminate = UpgradeTransport.current();
            if (terminate != null) {
                config.getUserProperties().put(Transports.TERMINATE, terminate);
            }
            Runnable release = UpgradeTransport.release();
            if (release != null) {
                config.getUserProperties().put(Handshake.RELEASE, release);
            }
            config.getUserProperties().put(PROPERTY, new Handshake(header(headers, "Cookie"),
                    Map.copyOf(request.getParameterMap()), header(headers, "X-Forwarded-For"), Set.copyOf(roles),
                    allowed ? null : origin));
        }

        private static String first(List<String> values) {
            return values.isEmpty() ? null : values.get(0);
        }

        private static List<String> header(Map<String, List<String>> headers, String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return List.copyOf(header.getValue());
                }
            }
            return List.of();
        }
    }
}
