package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch on a receiver's thread, on JMS fakes (interfaces answered by {@link Proxy}): a consumer whose
 * {@code receive} hangs past its timeout — as Artemis' did after a broker restart, and as a Payara node's topic consumer
 * seemed to once — is found, reported and renewed, and the new consumer receives; a handler that hangs is reported and
 * left alone; a receiver that works is never reported.
 */
class JmsReceiverTest {

    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final Executor CLOSER = command -> new Thread(command, "test-closer").start();

    /** The consumers the fake factory hands out, in order; each made by {@link #consumer}. */
    private final BlockingQueue<JMSConsumer> consumers = new LinkedBlockingQueue<>();
    private final List<Message> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedConsumers = new AtomicInteger();
    private JmsReceiver receiver;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (receiver != null) {
            receiver.stop();
            thread.join(5_000);
        }
    }

    @Test
    void aConsumerThatHangsInReceiveIsRenewedAndTheNewOneReceives() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        consumers.add(consumer(() -> { // hangs whatever its timeout, until it is closed
            closed.await();
            return null;
        }, closed));
        Message message = message();
        CountDownLatch given = new CountDownLatch(1);
        consumers.add(consumer(() -> given.getCount() == 0 ? null : handOnce(given, message), new CountDownLatch(1)));
        start((context, received) -> handled.add(received));

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            receiver.watch(LIMIT_NANOS, CLOSER);
            return handled.contains(message);
        });
        assertEquals(1, closedConsumers.get(), "the hung consumer was closed to renew it");
        assertFalse(receiver.watch(LIMIT_NANOS, CLOSER), "the new consumer receives: nothing to report");
    }

    @Test
    void aHandlerThatHangsIsReportedAndItsConsumerKept() throws Exception {
        Message message = message();
        CountDownLatch given = new CountDownLatch(1);
        consumers.add(consumer(() -> given.getCount() == 0 ? null : handOnce(given, message), new CountDownLatch(1)));
        CountDownLatch release = new CountDownLatch(1);
        start((context, received) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add(received);
        });

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.watch(LIMIT_NANOS, CLOSER));
        assertTrue(receiver.watch(LIMIT_NANOS, CLOSER), "still in the same handling");
        assertEquals(0, closedConsumers.get(), "a handler that hangs is no reason to drop the consumer");
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(message));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !receiver.watch(LIMIT_NANOS, CLOSER));
    }

    @Test
    void aReceiverThatWorksIsNeverReported() throws Exception {
        consumers.add(consumer(() -> null, new CountDownLatch(1)));
        start((context, received) -> handled.add(received));
        assertTrue(receiver.awaitSubscribed(5_000));
        // the watcher looks for as long as several limits; the consumer's empty receives come back within their timeout
        Awaitility.await().during(Duration.ofNanos(4 * LIMIT_NANOS)).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> !receiver.watch(LIMIT_NANOS, CLOSER));
        assertEquals(0, closedConsumers.get());
    }

    private static Message handOnce(CountDownLatch given, Message message) {
        given.countDown();
        return message;
    }

    private void start(JmsReceiver.Handler handler) {
        receiver = new JmsReceiver("test", factory(), destination(), handler, context -> {
        });
        thread = new Thread(receiver, "test-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    /** What a consumer's {@code receive} answers (it may block). */
    private interface Receive {
        Message next() throws InterruptedException;
    }

    /**
     * A consumer whose {@code receive(timeout)} asks {@code receive} and, when that answers nothing, waits out its timeout
     * (or until it is closed), as a real one does; {@code close} opens {@code closed}.
     */
    private JMSConsumer consumer(Receive receive, CountDownLatch closed) {
        return (JMSConsumer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSConsumer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "receive" -> {
                        Message next = receive.next();
                        if (next == null) {
                            closed.await((Long) args[0], TimeUnit.MILLISECONDS);
                        }
                        yield next;
                    }
                    case "close" -> {
                        closedConsumers.incrementAndGet();
                        closed.countDown();
                        yield null;
                    }
                    default -> null;
                });
    }

    private ConnectionFactory factory() {
        JMSContext context = (JMSContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JMSContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createConsumer" -> {
                        JMSConsumer next = consumers.poll(5, TimeUnit.SECONDS);
                        yield next != null ? next : consumer(() -> null, new CountDownLatch(1));
                    }
                    default -> null;
                });
        return (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConnectionFactory.class},
                (proxy, method, args) -> "createContext".equals(method.getName()) ? context : null);
    }

    private Destination destination() {
        return (Destination) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Destination.class},
                (proxy, method, args) -> null);
    }

    private Message message() {
        return (Message) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> null;
                });
    }
}
