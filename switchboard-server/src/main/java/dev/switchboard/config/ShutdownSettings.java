package dev.switchboard.config;

import java.time.Duration;

/**
 * What clients are told when the node stops or drains, and how fast they are let go. Read once (see
 * {@link Settings}).
 *
 * @param destroyClients whether clients are told not to come back (actionhero's {@code destroyClientsOnShutdown})
 * @param retryAfter the least a client waits before it comes back; each gets up to twice that
 * @param batchSize connections closed at once
 */
public record ShutdownSettings(boolean destroyClients, Duration retryAfter, int batchSize) {

    public static final Setting<Boolean> DESTROY_CLIENTS_ON_SHUTDOWN = Setting.flag("switchboard.destroyClientsOnShutdown", false,
            "Whether clients are told not to come back when the server shuts down (actionhero's name).");
    public static final Setting<Integer> SHUTDOWN_RETRY_AFTER_MILLIS = Setting.integer("switchboard.shutdown.retryAfterMillis", 1000, 0, 600_000,
            "The least a client waits before it comes back after a shutdown; each gets up to twice that.");
    public static final Setting<Integer> SHUTDOWN_BATCH = Setting.integer("switchboard.shutdown.batchSize", 500, 1, 1_000_000,
            "Connections closed at once while draining at shutdown.");

    static ShutdownSettings read(Settings settings) {
        return new ShutdownSettings(settings.get(DESTROY_CLIENTS_ON_SHUTDOWN), Duration.ofMillis(settings.get(SHUTDOWN_RETRY_AFTER_MILLIS)),
                settings.get(SHUTDOWN_BATCH));
    }
}
