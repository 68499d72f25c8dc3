package dev.switchboard.client;

/** A registered listener; {@link #close()} removes it. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
