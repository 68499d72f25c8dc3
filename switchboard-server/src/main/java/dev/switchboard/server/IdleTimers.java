package dev.switchboard.server;

import jakarta.websocket.Session;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler a Tyrus session (Payara) restarts its idle timer on, put in place of the container's when the session
 * opens: it drops the timer's task while the session has no idle timeout, and hands everything else to the container's.
 *
 * <p>Why: Tyrus 2.1.5 restarts a session's idle timer on every frame sent <em>and received</em>, also when no idle
 * timeout is set (eclipse-ee4j/tyrus#787): it schedules a task on the scheduler it took at the session's start, which
 * on Payara is the container's {@code ManagedScheduledExecutorService}. That executor saves the thread's context for
 * each task ({@code ContextSetupProviderImpl.saveContext}: a {@code ServiceLoader} walk of the web application's class
 * path) and then runs the task on one of its threads — where, without an idle timeout, it does nothing
 * ({@code IdleTimeoutCommand.run} checks {@code getMaxIdleTimeout() > 0}). Tyrus gives no way to pass a scheduler of
 * one's own (it looks the managed one up whenever it can), so the session's private field is replaced by reflection, in
 * the lock under which Tyrus reads it. A session of any other container, or a Tyrus whose fields differ, is left as it
 * is (logged once). With an idle timeout the task goes to the container's scheduler as before, context and all.
 */
final class IdleTimers extends AbstractExecutorService implements ScheduledExecutorService {

    private static final Logger LOG = System.getLogger(IdleTimers.class.getName());
    static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    /** The task Tyrus schedules on each frame: {@code restartIdleTimeoutExecutor()}. */
    static final String IDLE_TIMEOUT_COMMAND = TYRUS_SESSION + "$IdleTimeoutCommand";
    private static final ScheduledFuture<Object> DROPPED = new Dropped();
    private static volatile Fields fields;
    /** The last one made: every session of a container has the same scheduler, so they share one of these. */
    private static volatile IdleTimers shared;

    private final ScheduledExecutorService container;
    /** {@link #IDLE_TIMEOUT_COMMAND} once seen. */
    private volatile Class<?> idleTimeoutCommand;

    IdleTimers(ScheduledExecutorService container) {
        this.container = container;
    }

    /** Puts one in place of the session's scheduler, if it is Tyrus's; true when it did. */
    static boolean install(Session session) {
        if (!session.getClass().getName().equals(TYRUS_SESSION)) {
            return false;
        }
        Fields found = fields(session.getClass());
        if (found == null) {
            return false;
        }
        try {
            synchronized (found.lock.get(session)) { // Tyrus reads the field under this lock: the new one is seen
                if (!(found.scheduler.get(session) instanceof ScheduledExecutorService current) || current instanceof IdleTimers) {
                    return false;
                }
                found.scheduler.set(session, wrapping(current));
                return true;
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "A Tyrus session keeps its scheduler: {0}", e.toString());
            return false;
        }
    }

    private static IdleTimers wrapping(ScheduledExecutorService current) {
        IdleTimers last = shared;
        if (last == null || last.container != current) {
            last = new IdleTimers(current);
            shared = last;
        }
        return last;
    }

    private static Fields fields(Class<?> type) {
        Fields found = fields;
        if (found == null) {
            found = Fields.of(type);
            fields = found;
        }
        return found.scheduler == null ? null : found;
    }

    /** {@code TyrusSession}'s {@code service} and {@code idleTimeoutLock}, or none (then {@code scheduler} is null). */
    private record Fields(Field scheduler, Field lock) {

        static Fields of(Class<?> type) {
            try {
                Field scheduler = type.getDeclaredField("service");
                Field lock = type.getDeclaredField("idleTimeoutLock");
                if (scheduler.getType() != ScheduledExecutorService.class) {
                    throw new NoSuchFieldException("service is a " + scheduler.getType().getName());
                }
                scheduler.setAccessible(true);
                lock.setAccessible(true);
                return new Fields(scheduler, lock);
            } catch (NoSuchFieldException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus sessions keep the container''s scheduler for their idle timers ({0}): every frame "
                        + "costs a task on it", e.toString());
                return new Fields(null, null);
            }
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && isIdleTimeoutCommand(command.getClass())) {
            return DROPPED; // no idle timeout: the task would check that and do nothing
        }
        return container.schedule(command, delay, unit);
    }

    /** By its name the first time, then by the class itself (a name's comparison cost 4 % of a Payara fan-out). */
    private boolean isIdleTimeoutCommand(Class<?> type) {
        if (type == idleTimeoutCommand) {
            return true;
        }
        if (idleTimeoutCommand == null && type.getName().equals(IDLE_TIMEOUT_COMMAND)) {
            idleTimeoutCommand = type;
            return true;
        }
        return false;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return container.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return container.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return container.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        container.execute(command);
    }

    @Override
    public void shutdown() {
        container.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return container.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return container.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return container.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return container.awaitTermination(timeout, unit);
    }

    /** A task that was never scheduled, as Tyrus sees it: done, and cancelling it changes nothing. */
    private static final class Dropped implements ScheduledFuture<Object> {

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
