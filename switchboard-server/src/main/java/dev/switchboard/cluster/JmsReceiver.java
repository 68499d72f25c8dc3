package dev.switchboard.cluster;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One consumer of one destination on one thread: receives, hands each message to its handler, and
 * when the broker goes away, reconnects until it is stopped. A node runs one for the topic and one for
 * the sequencer queue, so each destination has exactly one consumer per node and a room's messages
 * are handled one after another, in the order they came.
 *
 * <p>Synchronous {@code receive} on a thread of the container's {@code ManagedThreadFactory} is what
 * Jakarta EE allows a web component instead of a message listener; unlike a message-driven bean it
 * needs no JMS resource adapter at deployment, so the WAR also deploys where there is none (Payara
 * Micro) and runs alone there.
 */
final class JmsReceiver implements Runnable {

    /** What to do with one message; the context is the receiver's own, to send with. */
    interface Handler {
        void handle(JMSContext context, Message message) throws JMSException;
    }

    /** Called at most every {@link #POLL_MILLIS} with the receiver's context: housekeeping that must not wait for traffic. */
    interface Idle {
        void run(JMSContext context);
    }

    private static final Logger LOG = System.getLogger(JmsReceiver.class.getName());

    static final long POLL_MILLIS = 500;
    static final long RETRY_MILLIS = 1000;

    private final String name;
    private final ConnectionFactory factory;
    private final Destination destination;
    private final Handler handler;
    private final Idle idle;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    /** Whether its consumer is open on the broker now (for readiness). */
    private volatile boolean connected;
    /** Asked to drop its context and consumer and make new ones (see {@link #renew}). */
    private volatile boolean renew;
    /** The consumer in use, so that {@link #renew} can close it under a receive that does not return. */
    private volatile JMSConsumer current;
    /** When it last received a message ({@code System.nanoTime()}), 0 before the first. */
    private volatile long receivedAt;
    /**
     * When it was last found with nothing to do (epoch milliseconds, 0 before): a receive that came back empty, or one
     * that blocked far past its timeout (a consumer that went deaf). A receiver that was never quiet since some moment has
     * been busy with a backlog all along: what it has not received yet is late, not lost.
     */
    private volatile long quietAt;
    /** Runs on this receiver's thread when a consumer is made again after the first: what came meanwhile is lost to it. */
    private volatile Runnable resubscribed = () -> { };
    /** The thread it runs on, for {@link #watch}'s report. */
    private volatile Thread thread;
    /** What its thread is doing now ({@link #watch}). */
    private volatile Step step = Step.IDLE;
    /** When that step began ({@code System.nanoTime()}). */
    private volatile long stepAt = System.nanoTime();
    /** The start of the step {@link #watch} last reported: one report for one stall. Read and written by the watcher only. */
    private long reportedStepAt;

    /** What a receiver's thread does at a time, for {@link #watch}. */
    enum Step {
        /** Between steps, or waiting to try the broker again: no report. */
        IDLE,
        /** Making a context and consumer. */
        OPEN,
        /** In {@code receive}, which returns within {@link #POLL_MILLIS} unless it hangs. */
        RECEIVE,
        /** Handling one message. */
        HANDLE,
        /** Its housekeeping between messages. */
        HOUSEKEEPING,
        /** Closing its context and consumer. */
        CLOSE
    }

    JmsReceiver(String name, ConnectionFactory factory, Destination destination, Handler handler, Idle idle) {
        this.name = name;
        this.factory = factory;
        this.destination = destination;
        this.handler = handler;
        this.idle = idle;
    }

    String name() {
        return name;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        boolean failing = false;
        while (running) {
            renew = false;
            enter(Step.OPEN);
            try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
                JMSConsumer consumer = context.createConsumer(destination);
                current = consumer;
                if (subscribed.getCount() == 0) {
                    resubscribed.run();
                }
                subscribed.countDown();
                connected = true;
                if (failing) {
                    LOG.log(Level.INFO, "Cluster {0} consumer is back", name);
                    failing = false;
                }
                long idleDue = System.nanoTime();
                while (running && !renew) {
                    long asked = enter(Step.RECEIVE);
                    Message message = consumer.receive(POLL_MILLIS);
                    if (message == null || System.nanoTime() - asked > POLL_MILLIS * 4_000_000) {
                        quietAt = System.currentTimeMillis();
                    }
                    if (message != null) {
                        receivedAt = enter(Step.HANDLE);
                        handle(context, message);
                    }
                    if (System.nanoTime() - idleDue >= 0) { // not once per message: once per poll interval
                        enter(Step.HOUSEKEEPING);
                        idle.run(context);
                        idleDue = System.nanoTime() + POLL_MILLIS * 1_000_000;
                    }
                    enter(Step.IDLE);
                }
                enter(Step.CLOSE);
            } catch (JMSRuntimeException e) {
                connected = false;
                if (running && !renew) { // a renewal's close may make the receive throw: no loss of the broker
                    enter(Step.IDLE);
                    if (!failing) {
                        LOG.log(Level.WARNING, "Cluster {0} consumer lost the broker; retrying every {1} ms: {2}", name,
                                RETRY_MILLIS, e.toString());
                    }
                    failing = true;
                    pause();
                }
            }
            enter(Step.IDLE);
            if (renew && running) {
                LOG.log(Level.INFO, "Cluster {0} consumer renewed on a new context", name);
            }
        }
    }

    /** Notes the step its thread begins now; returns now ({@code System.nanoTime()}). */
    private long enter(Step next) {
        long now = System.nanoTime();
        stepAt = now;
        step = next;
        return now;
    }

    private void handle(JMSContext context, Message message) {
        try {
            handler.handle(context, message);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (JMSException | RuntimeException | Error e) {
            // never let one message end the receiver thread: the node would go deaf to the cluster
            LOG.log(Level.ERROR, "Could not handle a cluster message from the " + name + "; it is dropped", e);
        }
    }

    private void pause() {
        try {
            stopped.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Drops the context and consumer after the current receive returns (at most {@link #POLL_MILLIS})
     * and makes new ones. Why: after the broker restarts, the JMS client reconnects by itself, and a queue
     * consumer it re-attached may receive nothing ever after (seen with Artemis 2.44 under WildFly 39: the
     * queue did not exist yet on the new broker when the client re-made its consumer); a consumer made
     * through JMS again creates the queue and receives. Nothing is lost: a queue keeps its messages.
     * Such a consumer's {@code receive} may not return at all (a thread dump showed it inside Artemis'
     * {@code ClientConsumerImpl.receive} for 40 s with a 500 ms timeout), so the consumer is closed —
     * from {@code closer}'s thread, in case closing blocks too — which makes the receive return.
     */
    void renew(Executor closer) {
        if (renew) {
            return;
        }
        renew = true;
        JMSConsumer consumer = current;
        if (consumer != null) {
            closer.execute(() -> {
                try {
                    consumer.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "Closing the cluster {0} consumer to renew it: {1}", name, e.toString());
                }
            });
        }
    }

    /**
     * From a watcher's thread: whether this receiver's thread has been in one step for longer than {@code limitNanos} (a
     * {@code receive}, for longer than that and its own {@link #POLL_MILLIS}). The first time for a step it logs the
     * thread's stack — what it waits on, which nothing else would show, since the receiver's own checks run on that same
     * thread — and, when the step is a {@code receive}, renews the consumer ({@link #renew}): a consumer that hangs in
     * {@code receive} receives nothing, while its subscription's messages may wait for another. A message's handling, the
     * housekeeping, an open or a close that hangs is only reported: which call of which library holds it is in the stack.
     * The step is read before its start and written after it ({@link #enter}), so a step is never timed from an older one's start.
     */
    boolean watch(long limitNanos, Executor closer) {
        Step now = step;
        long at = stepAt;
        Thread running = thread;
        long allowed = now == Step.RECEIVE ? limitNanos + POLL_MILLIS * 1_000_000 : limitNanos; // a receive's own wait aside
        if (now == Step.IDLE || System.nanoTime() - at <= allowed || running == null) {
            return false;
        }
        if (reportedStepAt != at) {
            reportedStepAt = at;
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : running.getStackTrace()) {
                stack.append(System.lineSeparator()).append("\tat ").append(frame);
            }
            LOG.log(Level.WARNING, "Cluster {0} consumer has been in one {1} for {2} ms{3}; its thread {4}:{5}", name,
                    now.name().toLowerCase(Locale.ROOT), (System.nanoTime() - at) / 1_000_000,
                    now == Step.RECEIVE ? " (asked for " + POLL_MILLIS + " ms); renewing the consumer" : "", running.getName(), stack);
            if (now == Step.RECEIVE) {
                renew(closer);
            }
        }
        return true;
    }

    /** What to do when a consumer is made again (a reconnect, a renewal): a subscription that is not durable missed what came meanwhile. */
    void onResubscribed(Runnable action) {
        this.resubscribed = action;
    }

    /** Whether it received anything since {@code nanoTime}. */
    boolean receivedSince(long nanoTime) {
        long last = receivedAt;
        return last != 0 && last - nanoTime >= 0;
    }

    /** When it was last found with nothing to receive, or stuck in a receive (epoch milliseconds; 0: never). */
    long quietAt() {
        return quietAt;
    }

    /** Whether its consumer is open on the broker now. */
    boolean connected() {
        return connected && running;
    }

    /** Waits until the first consumer is open, so that nothing published after it is missed. */
    boolean awaitSubscribed(long millis) throws InterruptedException {
        return subscribed.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops after the current receive returns (at most {@link #POLL_MILLIS}). */
    void stop() {
        running = false;
        stopped.countDown();
    }
}
