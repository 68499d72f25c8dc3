package dev.switchboard.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a connection (against cross-site WebSocket hijacking): a request
 * without {@code Origin} (not a browser), one from the server's own host (its {@code Host} header),
 * one in the configured list, or any when the list holds {@code *}.
 */
final class Origins {

    private final boolean any;
    private final Set<String> allowed;

    /** @param allowed origins as browsers send them ({@code https://chat.example.com}), or {@code *} */
    Origins(List<String> allowed) {
        this.any = allowed.contains("*");
        this.allowed = allowed.stream().map(Origins::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the {@code Origin} header, or {@code null}
     * @param host the {@code Host} header, or {@code null}
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        return host != null && sameHost(normalized, host.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean sameHost(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
        String hostName = host;
        int hostPort = -1;
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            hostName = host.substring(0, colon);
            try {
                hostPort = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (!uri.getHost().equalsIgnoreCase(hostName)) {
            return false;
        }
        return hostPort == -1 ? port == defaultPort(uri.getScheme()) : port == hostPort;
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss") ? 443 : 80;
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
