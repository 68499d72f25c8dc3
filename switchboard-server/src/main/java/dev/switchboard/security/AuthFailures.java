package dev.switchboard.security;

import dev.switchboard.config.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Failed {@code auth} calls per remote address, in a fixed window of {@code switchboard.auth.failureWindowSeconds}:
 * past {@code switchboard.auth.maxFailuresPerAddress}, {@code auth} from that address is refused until the
 * window ends — so that guessing cannot go on by opening a new connection after every few tries. Per node;
 * nothing here blocks.
 */
@ApplicationScoped
public class AuthFailures {

    /** Addresses remembered at most; past it, windows that ended are dropped. */
    static final int MAX_ADDRESSES = 10_000;

    private record Window(long start, int failures) {
    }

    private final ConcurrentMap<String, Window> byAddress = new ConcurrentHashMap<>();
    private int max;
    private long windowMillis;
    private LongSupplier clock;

    /** For the container's proxy. */
    protected AuthFailures() {
    }

    @Inject
    public AuthFailures(AuthSettings settings) {
        this(settings.maxFailuresPerAddress(), settings.failureWindow().toMillis(), System::currentTimeMillis);
    }

    /** With a clock, for tests. */
    public AuthFailures(int max, long windowMillis, LongSupplier clock) {
        this.max = max;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Whether the address has used up its failures for now. */
    public boolean blocked(String address) {
        Window window = byAddress.get(keyOf(address));
        return window != null && clock.getAsLong() - window.start() < windowMillis && window.failures() >= max;
    }

    /**
     * Counts a failure of the address; returns its failures in the current window (0 when the table is full
     * of addresses inside their windows and this one is not among them: then it is not counted, rather than
     * letting the table grow without bound).
     */
    public int failed(String address) {
        long now = clock.getAsLong();
        String key = keyOf(address);
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(key)) {
            byAddress.values().removeIf(window -> now - window.start() >= windowMillis);
            if (byAddress.size() >= MAX_ADDRESSES) {
                return 0;
            }
        }
        return byAddress.compute(key, (a, window) -> window == null || now - window.start() >= windowMillis
                ? new Window(now, 1) : new Window(window.start(), window.failures() + 1)).failures();
    }

    /**
     * What failures are counted by: an IPv4 address as it is; an IPv6 address by its /64, the block one
     * subscriber gets (each of its 2^64 addresses would be a fresh start otherwise).
     */
    static String keyOf(String address) {
        byte[] bytes = address == null ? null : IpAddresses.literal(address);
        if (bytes == null || bytes.length != 16) {
            return address; // IPv4 (also mapped into IPv6), or not an address at all
        }
        return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }
}
