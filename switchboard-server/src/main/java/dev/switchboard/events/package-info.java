/**
 * What happens on a node, as CDI events for application code to observe ({@code @Observes} or
 * {@code @ObservesAsync}): {@link dev.switchboard.events.Connected}, {@link dev.switchboard.events.Authenticated},
 * {@link dev.switchboard.events.Joined}, {@link dev.switchboard.events.Left}, {@link dev.switchboard.events.Said},
 * {@link dev.switchboard.events.Told}, {@link dev.switchboard.events.Disconnected}; and {@link
 * dev.switchboard.events.Observers}, the seam through which the other packages report them, delivered off their
 * threads in the order they happened.
 *
 * <p>Depends on {@code protocol} and {@code config}.
 */
package dev.switchboard.events;
