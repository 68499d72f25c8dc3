package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A raw protocol v1 client for ITs, on Tyrus: it keeps every frame it receives in an inbox, and every
 * wait takes the first matching frame out of it or fails after a timeout. Never sleeps.
 */
public final class TestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ClientManager CONTAINER = new LastingClientManager();

    static {
        // large replies (a long history) are part of the tests: Tyrus' client buffers 4 MiB of a frame by default
        CONTAINER.getProperties().put(org.glassfish.tyrus.client.ClientProperties.INCOMING_BUFFER_SIZE, 32 * 1024 * 1024);
    }

    private final Session session;
    private final List<JsonObject> inbox = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final JsonObject welcome;

    private TestClient(URI uri) throws Exception {
        this(uri, ClientEndpointConfig.Builder.create().build());
    }

    private TestClient(URI uri, ClientEndpointConfig config) throws Exception {
        this.session = CONTAINER.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, TestClient.this::received);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
                lock.lock();
                try {
                    arrived.signalAll(); // a wait for a frame ends now: none comes any more
                } finally {
                    lock.unlock();
                }
            }
        }, config, uri);
        this.welcome = awaitEvent("welcome");
    }

    /** Connects and waits for the {@code welcome} event; the connection stays anonymous. */
    public static TestClient connect(URI uri) {
        try {
            return new TestClient(uri);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
    }

    /** Connects with these upgrade request headers (a login, a cookie) and waits for the {@code welcome}. */
    public static TestClient connect(URI uri, Map<String, String> headers) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> request) {
                headers.forEach((name, value) -> request.put(name, List.of(value)));
            }
        }).build();
        try {
            return new TestClient(uri, config);
        } catch (Exception e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
    }

    /** Connects and authenticates as this user with a token signed with the ITs' key ({@link TestTokens}). */
    public static TestClient connectAs(URI uri, String user) {
        TestClient client = connect(uri);
        client.ok("auth", Json.createObjectBuilder().add("token", TestTokens.issue(user)).build());
        return client;
    }

    /** The data of the {@code welcome} event. */
    public JsonObject welcome() {
        return welcome;
    }

    /** The connection id the server gave in {@code welcome}. */
    public String id() {
        return welcome.getString("id");
    }

    /** Sends a text frame as it is. */
    public void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new AssertionError("send failed", e);
        }
    }

    /** Sends a frame unless the server has closed the connection meanwhile; false then (a flood's end). */
    public boolean trySend(String text) {
        try {
            session.getBasicRemote().sendText(text);
            return true;
        } catch (IOException | RuntimeException e) {
            // closed meanwhile: Tyrus says so with IllegalStateException, or a plain RuntimeException ("Socket is not
            // connected.") when the server closed first
            return false;
        }
    }

    public void sendBinary(byte[] data) {
        if (!trySendBinary(data)) {
            throw new AssertionError("send failed: the connection is closed");
        }
    }

    /** Sends a binary frame unless the server has closed the connection meanwhile; false then. */
    public boolean trySendBinary(byte[] data) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // as trySend
        }
    }

    /** Sends a call with a fresh id and returns the id. */
    public long sendCall(String method, JsonObject params) {
        long id = ids.incrementAndGet();
        send(Json.createObjectBuilder().add("type", "method").add("id", id).add("method", method)
                .add("params", params).build().toString());
        return id;
    }

    /** Calls a method and returns its whole reply frame. */
    public JsonObject call(String method, JsonObject params) {
        long id = sendCall(method, params);
        return awaitReply(id);
    }

    /** Calls a method and returns its reply data, failing the test when the reply is an error. */
    public JsonObject ok(String method, JsonObject params) {
        JsonObject reply = call(method, params);
        assertTrue(reply.isNull("error"), () -> method + " failed: " + reply);
        return reply.getJsonObject("data");
    }

    /** Calls a method that must fail and returns its error code. */
    public String errorOf(String method, JsonObject params) {
        JsonObject reply = call(method, params);
        assertTrue(!reply.isNull("error"), () -> method + " should have failed: " + reply);
        return reply.getJsonObject("error").getString("code");
    }

    public JsonObject awaitReply(long id) {
        return await(frame -> "reply".equals(frame.getString("type", null))
                && frame.get("id") instanceof jakarta.json.JsonNumber number && number.longValue() == id, "reply " + id);
    }

    /** Waits for the reply to a call sent with a string id. */
    public JsonObject awaitReply(String id) {
        return await(frame -> "reply".equals(frame.getString("type", null))
                && frame.get("id") instanceof jakarta.json.JsonString string && string.getString().equals(id), "reply " + id);
    }

    public JsonObject awaitEvent(String event) {
        return awaitEvent(event, data -> true);
    }

    /** Waits for an event of that name whose data matches, and returns the data. */
    public JsonObject awaitEvent(String event, Predicate<JsonObject> data) {
        return await(frame -> "event".equals(frame.getString("type", null)) && event.equals(frame.getString("event", null))
                && data.test(frame.getJsonObject("data")), "event " + event).getJsonObject("data");
    }

    /** Takes the first received frame that matches, waiting up to {@link #TIMEOUT}. */
    public JsonObject await(Predicate<JsonObject> match, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
                    JsonObject frame = it.next();
                    if (match.test(frame)) {
                        it.remove();
                        return frame;
                    }
                }
                if (closed.isDone()) {
                    CloseReason reason = closed.getNow(null);
                    return fail("no " + what + ": the connection was closed (" + reason.getCloseCode().getCode() + " "
                            + reason.getReasonPhrase() + "); received " + inbox);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no " + what + " within " + TIMEOUT + "; received " + inbox);
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /** All frames received and not yet taken, oldest first. */
    public List<JsonObject> received() {
        lock.lock();
        try {
            return List.copyOf(inbox);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the server to close the connection and returns the close reason. */
    public CloseReason awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("the connection was not closed within " + TIMEOUT);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** Asserts the connection still answers: a ping gets its reply. */
    public void assertAlive() {
        assertEquals("reply", call("ping", JsonObject.EMPTY_JSON_OBJECT).getString("type"));
    }

    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException e) {
            // closing a test connection: nothing left to check
        }
    }

    public static JsonObject params(String... keysAndValues) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder.build();
    }

    private void received(String text) {
        JsonObject frame;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        lock.lock();
        try {
            inbox.add(frame);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tyrus' client container with threads that live as long as the test JVM. Tyrus' own shuts its executors down each
     * time its count of open connections comes to zero, and a connection can be left holding the one shut down: CI saw
     * {@code RejectedExecutionException} from a live session's idle timer (ServerApiIT, 2026-12-07), after earlier
     * tests' connections had closed. With these executors never shut down, no later connection meets that.
     */
    private static final class LastingClientManager extends ClientManager {

        private final ExecutorService executor = Executors.newCachedThreadPool(LastingClientManager::daemon);
        private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, LastingClientManager::daemon);

        private static Thread daemon(Runnable task) {
            Thread thread = new Thread(task, "test-client-tyrus");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ExecutorService getExecutorService() {
            return executor;
        }

        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            return timers;
        }

        @Override
        public void shutdown() {
            // kept for the JVM's life: see the class comment
        }
    }
}
