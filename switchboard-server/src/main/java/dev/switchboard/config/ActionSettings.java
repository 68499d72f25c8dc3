package dev.switchboard.config;

/**
 * How applications' actions run for a connection. Read once (see {@link Settings}).
 *
 * @param maxPending actions that may run at once for one connection (actionhero's {@code simultaneousActions})
 */
public record ActionSettings(int maxPending) {

    public static final Setting<Integer> ACTIONS_MAX_PENDING = Setting.integer("switchboard.actions.maxPending", 5, 1, 10_000,
            "Actions that may run at once for one connection (actionhero's simultaneousActions).");

    static ActionSettings read(Settings settings) {
        return new ActionSettings(settings.get(ACTIONS_MAX_PENDING));
    }
}
