package dev.switchboard.config;

/**
 * The limits one connection lives within: what it may send (frame size, frame rate), what may wait for it
 * (its outbound queue), and how many connections one address may hold. Read once (see {@link Settings}).
 *
 * @param maxFrameBytes the largest text frame a client may send, in UTF-8 bytes
 * @param queueFrames frames that may wait in one connection's outbound queue
 * @param queueChars characters that may wait in it
 * @param framesPerSecond the average rate of frames one connection may send
 * @param burst frames it may send at once above the average
 * @param closeAfterRefused refused frames within 10 seconds after which it is closed for flooding
 * @param connectionsPerAddress connections one remote address may hold on this node
 */
public record LimitSettings(int maxFrameBytes, int queueFrames, long queueChars, int framesPerSecond, int burst,
        int closeAfterRefused, int connectionsPerAddress) {

    /** The hard ceiling of {@link #MAX_FRAME_BYTES}: the container itself closes bigger frames with 1009. */
    public static final int FRAME_BYTES_CEILING = 1 << 20;

    public static final Setting<Integer> MAX_FRAME_BYTES = Setting.integer("switchboard.maxFrameBytes", 65_536, 64, FRAME_BYTES_CEILING,
            "Largest text frame in bytes (UTF-8) a client may send; bigger ones close the connection with 1009.");
    public static final Setting<Integer> OUTBOUND_QUEUE_FRAMES = Setting.integer("switchboard.outboundQueueFrames", 1024, 1, 1_000_000,
            "Frames that may wait in one connection's outbound queue; beyond it the connection is closed 1013.");
    public static final Setting<Integer> OUTBOUND_QUEUE_CHARS = Setting.integer("switchboard.outboundQueueChars", 4_194_304, 1024, Integer.MAX_VALUE,
            "Characters that may wait in one connection's outbound queue; beyond it the connection is closed 1013.");
    public static final Setting<Integer> RATE_FRAMES_PER_SECOND = Setting.integer("switchboard.rate.framesPerSecond", 200, 1, 10_000_000,
            "Frames per second one connection may send, on average (a token bucket).");
    public static final Setting<Integer> RATE_BURST = Setting.integer("switchboard.rate.burst", 400, 1, 10_000_000,
            "Frames one connection may send at once above the average (the bucket's size).");
    public static final Setting<Integer> RATE_CLOSE_AFTER = Setting.integer("switchboard.rate.closeAfterRefused", 200, 1, 10_000_000,
            "Refused frames within 10 seconds after which the connection is closed 1008.");
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = Setting.integer("switchboard.maxConnectionsPerAddress", 10_000, 1, 10_000_000,
            "Connections one remote address may hold on this node; more are closed 1013.");

    static LimitSettings read(Settings settings) {
        return new LimitSettings(settings.get(MAX_FRAME_BYTES), settings.get(OUTBOUND_QUEUE_FRAMES), settings.get(OUTBOUND_QUEUE_CHARS),
                settings.get(RATE_FRAMES_PER_SECOND), settings.get(RATE_BURST), settings.get(RATE_CLOSE_AFTER),
                settings.get(MAX_CONNECTIONS_PER_ADDRESS));
    }

    /** Only a queue bound, nothing else limited: for tests. */
    public static LimitSettings queueOnly(int frames) {
        return new LimitSettings(FRAME_BYTES_CEILING, frames, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE);
    }
}
