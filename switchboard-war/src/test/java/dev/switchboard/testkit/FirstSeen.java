package dev.switchboard.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When each {@code say} a member receives was first seen ({@code System.nanoTime()}), found by looking at what it
 * received every 20 ms on a thread of its own, so that a fault IT can tell how long a message took while the test's own
 * thread waits for something else. A figure to print, not to assert on. Close it to stop the looking.
 */
public final class FirstSeen implements AutoCloseable {

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor();

    public FirstSeen(TestClient member) {
        looker.scheduleWithFixedDelay(() -> {
            try {
                long now = System.nanoTime();
                for (String message : Chatter.says(member)) {
                    seen.putIfAbsent(message, now);
                }
            } catch (RuntimeException e) {
                seen.putIfAbsent("(failed: " + e + ")", System.nanoTime()); // a look that failed must not end the looking unseen
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** When the message was first seen, or 0 if it was not (yet). */
    public long at(String message) {
        return seen.getOrDefault(message, 0L);
    }

    @Override
    public void close() {
        looker.shutdownNow();
        try {
            looker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
