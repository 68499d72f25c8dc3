package dev.switchboard.events;

import dev.switchboard.config.EventSettings;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the reported events to the application's CDI observers, off the threads that report them: one at a
 * time, in the order they were reported, on the container's managed executor — so an {@code @Observes} method
 * that is slow or throws holds up only the events after it, never a connection, a room or the cluster. Events
 * wait in a bounded queue ({@code switchboard.events.queueSize}); beyond it they are dropped, and the log says so.
 * {@code @ObservesAsync} methods are notified too ({@code fireAsync}, on the container's own executor, in no
 * particular order). Which event types have observers is asked once, at deployment: a type nobody observes is
 * never queued, built, or looked at again.
 */
@ApplicationScoped
public class CdiObservers implements Observers {

    private static final Logger LOG = System.getLogger(CdiObservers.class.getName());
    private static final List<Object> SAMPLES = List.of(new Connected("", "", null, 0), new Authenticated("", "", Set.of(), 0),
            new Joined("", null, "", 0), new Left("", null, "", 0),
            new Said("", "", Peer.application(null), JsonValue.NULL, "", new Position("", 0), 0),
            new Told("", "", Peer.application(null), JsonValue.NULL, "", 0), new Disconnected("", null, 0));

    @Inject
    Event<Object> events;

    @Inject
    BeanManager beans;

    @Inject
    EventSettings settings;

    @Resource
    ManagedExecutorService executor;

    private final Set<Class<?>> observed = new HashSet<>();
    private final Set<Class<?>> observedAsync = new HashSet<>();
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    @PostConstruct
    void findObservers() {
        for (Object sample : SAMPLES) {
            for (ObserverMethod<?> observer : beans.resolveObserverMethods(sample)) {
                (observer.isAsync() ? observedAsync : observed).add(sample.getClass());
            }
        }
        if (!observed.isEmpty() || !observedAsync.isEmpty()) {
            LOG.log(Level.INFO, "Switchboard events observed by the application: {0} (@Observes), {1} (@ObservesAsync)",
                    names(observed), names(observedAsync));
        }
    }

    @Override
    public boolean observes(Class<?> type) {
        return observed.contains(type) || observedAsync.contains(type);
    }

    @Override
    public void report(Object event) {
        Class<?> type = event.getClass();
        if (observedAsync.contains(type)) {
            events.fireAsync(event).exceptionally(failure -> {
                LOG.log(Level.WARNING, "An @ObservesAsync observer of " + type.getSimpleName() + " failed", failure);
                return null;
            });
        }
        if (!observed.contains(type)) {
            return;
        }
        if (queued.incrementAndGet() > settings.queueSize()) {
            queued.decrementAndGet();
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.log(Level.WARNING, "The application's @Observes observers do not keep up: {0} events dropped so far"
                        + " ({1} waiting at most); use @ObservesAsync for slow work", dropped.get(), settings.queueSize());
            }
            return;
        }
        queue.offer(event);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                // rejected (the application stops): the next report tries again; nothing escapes to the reporter
                draining.set(false);
                LOG.log(Level.DEBUG, "Observers not notified now: {0}", e.toString());
            }
        }
    }

    /** Delivers what is queued, one after the other; one drain at a time. */
    private void drain() {
        while (true) {
            Object event = queue.poll();
            if (event == null) {
                draining.set(false);
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            try {
                events.fire(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An @Observes observer of " + event.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    private static List<String> names(Set<Class<?>> types) {
        return types.stream().map(Class::getSimpleName).sorted().toList();
    }
}
