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
        boolean failing = false;
        while (running) {
            renew = false;
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
                    long asked = System.nanoTime();
                    Message message = consumer.receive(POLL_MILLIS);
                    if (message == null || System.nanoTime() - asked > POLL_MILLIS * 4_000_000) {
                        quietAt = System.currentTimeMillis();
                    }
                    if (message != null) {
                        receivedAt = System.nanoTime();
                        handle(context, message);
                    }
                    if (System.nanoTime() - idleDue >= 0) { // not once per message: once per poll interval
                        idle.run(context);
                        idleDue = System.nanoTime() + POLL_MILLIS * 1_000_000;
                    }
                }
            } catch (JMSRuntimeException e) {
                connected = false;
                if (running) {
                    if (!failing) {
                        LOG.log(Level.WARNING, "Cluster {0} consumer lost the broker; retrying every {1} ms: {2}", name,
                                RETRY_MILLIS, e.toString());
                    }
                    failing = true;
                    pause();
                }
            }
            if (renew && running) {
                LOG.log(Level.INFO, "Cluster {0} consumer renewed on a new context", name);
            }
        }
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
