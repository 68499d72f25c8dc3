package dev.switchboard.security;

import dev.switchboard.config.Settings;
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
    public AuthFailures(Settings settings) {
        this(settings.authMaxFailuresPerAddress(), settings.authFailureWindowSeconds() * 1000L, System::currentTimeMillis);
    }

    /** With a clock, for tests. */
    public AuthFailures(int max, long windowMillis, LongSupplier clock) {
        this.max = max;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Whether the address has used up its failures for now. */
    public boolean blocked(String address) {
        Window window = byAddress.get(address);
        return window != null && clock.getAsLong() - window.start() < windowMillis && window.failures() >= max;
    }

    /** Counts a failure of the address; returns its failures in the current window. */
    public int failed(String address) {
        long now = clock.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(window -> now - window.start() >= windowMillis);
        }
        return byAddress.compute(address, (a, window) -> window == null || now - window.start() >= windowMillis
                ? new Window(now, 1) : new Window(window.start(), window.failures() + 1)).failures();
    }
}
