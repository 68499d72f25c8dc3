package dev.switchboard.config;

import java.time.Duration;

/**
 * The server API for application code ({@code Switchboard}) and other services ({@code /api/server}). Read once
 * (see {@link Settings}).
 *
 * @param positionTimeout how long a publish waits for its message's position before its stage fails (the message
 *     may still arrive: a repeat with the same key is sent at most once)
 */
public record ApiSettings(Duration positionTimeout) {

    public static final Setting<Integer> API_POSITION_TIMEOUT_MILLIS = Setting.integer("switchboard.api.positionTimeoutMillis", 10_000,
            100, 600_000, "How long the application's publish waits for its message's position before it fails, in milliseconds.");

    static ApiSettings read(Settings settings) {
        return new ApiSettings(Duration.ofMillis(settings.get(API_POSITION_TIMEOUT_MILLIS)));
    }
}
