package dev.switchboard.config;

import java.time.Duration;

/**
 * How the server keeps quiet connections alive and drops dead ones. Read once (see {@link Settings}).
 *
 * @param pingInterval how long a connection may be silent before the server pings it
 * @param pingTimeout how long the server waits for the pong before it drops the connection
 */
public record KeepAliveSettings(Duration pingInterval, Duration pingTimeout) {

    public static final Setting<Integer> PING_INTERVAL_MILLIS = Setting.integer("switchboard.pingIntervalMillis", 25_000, 100, 3_600_000,
            "How long a connection may be silent before the server pings it, in milliseconds.");
    public static final Setting<Integer> PING_TIMEOUT_MILLIS = Setting.integer("switchboard.pingTimeoutMillis", 20_000, 100, 3_600_000,
            "How long the server waits for the pong before it drops the connection, in milliseconds.");

    static KeepAliveSettings read(Settings settings) {
        return new KeepAliveSettings(Duration.ofMillis(settings.get(PING_INTERVAL_MILLIS)), Duration.ofMillis(settings.get(PING_TIMEOUT_MILLIS)));
    }
}
