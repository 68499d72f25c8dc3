package dev.switchboard.config;

/**
 * How the application's observers of Switchboard's CDI events are fed. Read once (see {@link Settings}).
 *
 * @param queueSize events that may wait for the {@code @Observes} observers; beyond it they are dropped (and logged)
 */
public record EventSettings(int queueSize) {

    public static final Setting<Integer> EVENTS_QUEUE_SIZE = Setting.integer("switchboard.events.queueSize", 10_000, 1, 10_000_000,
            "Events that may wait for the application's @Observes observers; beyond it they are dropped and logged.");

    static EventSettings read(Settings settings) {
        return new EventSettings(settings.get(EVENTS_QUEUE_SIZE));
    }
}
