package dev.switchboard.config;

/**
 * The threads that answer calls which may wait, when a connection's frames arrive on one of the container's I/O
 * threads (WildFly with {@code dispatch-to-worker=false}: {@code server-config/wildfly/io-threads.cli}). Read once (see
 * {@link Settings}).
 *
 * @param threads the most threads that answer such calls at once, for all connections of the node
 * @param maxWaiting the calls of one connection that may wait for such a thread; one more closes it with 1008
 * @param maxWaitingChars the characters of the frames of one connection that may wait so; more closes it with 1008
 */
public record HandoffSettings(int threads, int maxWaiting, long maxWaitingChars) {

    /** Undertow's own worker pool, which the hand-off replaces: 16 threads per processor. */
    static final int THREADS_PER_PROCESSOR = 16;

    public static final Setting<Integer> HANDOFF_THREADS = Setting.integer("switchboard.handoff.threads", 0, 0, 10_000,
            "Threads that answer calls which may wait (say, roomAdd, auth …) when frames arrive on the container's I/O threads;"
                    + " 0: 16 per processor, as Undertow's worker pool.");
    /**
     * Far above what a client within its rate sends while the node's threads wait for the broker: a primary broker's
     * switch held sends for seconds, and 1,024 closed a publisher pacing itself to the default rate (BrokerPairClusterIT).
     */
    public static final Setting<Integer> HANDOFF_MAX_WAITING = Setting.integer("switchboard.handoff.maxWaiting", 16_384, 1, 10_000_000,
            "Calls of one connection that may wait for such a thread; one more closes the connection with 1008.");
    /**
     * Roughly what one connection may hold on the node in frames that wait (their text; what waits is the parsed call,
     * a few times larger), whatever their count: 16,384 frames of 64 KiB would be a gibibyte. 4 Mi characters is ~25,000
     * of the broker-pair IT's says, far above what it ever had waiting.
     */
    public static final Setting<Integer> HANDOFF_MAX_WAITING_CHARS = Setting.integer("switchboard.handoff.maxWaitingChars",
            4_194_304, 1_024, Integer.MAX_VALUE,
            "Characters of one connection's frames that may wait for such a thread, all together (one frame always may);"
                    + " more closes the connection with 1008.");

    static HandoffSettings read(Settings settings) {
        int threads = settings.get(HANDOFF_THREADS);
        return new HandoffSettings(threads == 0 ? THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors() : threads,
                settings.get(HANDOFF_MAX_WAITING), settings.get(HANDOFF_MAX_WAITING_CHARS));
    }
}
