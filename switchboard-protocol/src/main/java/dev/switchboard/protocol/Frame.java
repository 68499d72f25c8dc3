package dev.switchboard.protocol;

/**
 * One JSON text frame of protocol v1. Every frame is a JSON object whose {@code type} says which
 * record it is: {@code method} ({@link Call}), {@code reply} ({@link Reply}) or {@code event}
 * ({@link Event}).
 */
public sealed interface Frame permits Call, Reply, Event {

    /** The value of the {@code type} field. */
    String type();
}
