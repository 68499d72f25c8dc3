package dev.switchboard.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.glassfish.tyrus.spi.ServerContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On Tyrus's own server (the one Payara embeds): every frame a session sends or receives puts a task on the container's
 * scheduler, unless {@link IdleTimers} is installed — and an idle timeout still closes the session with it.
 */
class IdleTimersTest {

    private static final int FRAMES = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static ServerContainer server;
    private static int port;

    /** An echo endpoint; with {@code ?quiet} it installs {@link IdleTimers}, with {@code &idle=N} it sets that timeout. */
    public static class Echo extends Endpoint {

        static final BlockingQueue<Boolean> INSTALLED = new LinkedBlockingQueue<>();
        static volatile ThreadPoolExecutor scheduler;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            scheduler = (ThreadPoolExecutor) ((ExecutorServiceProvider) session.getContainer()).getScheduledExecutorService();
            String query = session.getQueryString() == null ? "" : session.getQueryString();
            if (query.contains("quiet")) {
                INSTALLED.add(IdleTimers.install(session));
            }
            if (query.contains("idle=")) {
                session.setMaxIdleTimeout(Long.parseLong(query.substring(query.indexOf("idle=") + 5)));
            }
            session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(text));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        port = InProcessServer.freePort();
        server = new GrizzlyServerContainer().createContainer(new HashMap<>());
        server.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
        server.start("/idle", port);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void withoutItEveryFrameIsATaskOnTheContainersScheduler() throws Exception {
        // a send and a receive each restart the idle timer: 2 × FRAMES tasks; the executor's count is approximate (its
        // javadoc: tasks and threads change state while it counts), so the bound is one task per frame
        long tasks = tasksForEchoes("");
        assertTrue(tasks >= FRAMES, "a send and a receive each restart the idle timer; tasks: " + tasks);
    }

    @Test
    void withItNoFrameIsATaskThere() throws Exception {
        assertEquals(0, tasksForEchoes("?quiet"));
        assertTrue(Echo.INSTALLED.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void anIdleTimeoutStillClosesTheSession() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        Session client = connect("?quiet&idle=300", text -> { }, closed);
        client.getBasicRemote().sendText("hello");
        CloseReason reason = closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(reason.getReasonPhrase().toLowerCase().contains("idle"), reason.toString());
        assertTrue(Echo.INSTALLED.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void anotherContainersSessionIsLeftAsItIs() {
        Session undertows = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    throw new AssertionError("not to be touched: " + method);
                });
        assertFalse(IdleTimers.install(undertows));
    }

    /** Echoes {@link #FRAMES} frames and answers how many tasks the server's scheduler was given meanwhile. */
    private static long tasksForEchoes(String query) throws Exception {
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        Session client = connect(query, echoes::add, new CompletableFuture<>());
        client.getBasicRemote().sendText("first");
        assertEquals("first", echoes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        long before = Echo.scheduler.getTaskCount();
        for (int i = 0; i < FRAMES; i++) {
            client.getBasicRemote().sendText("frame " + i);
        }
        for (int i = 0; i < FRAMES; i++) {
            assertEquals("frame " + i, echoes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        long tasks = Echo.scheduler.getTaskCount() - before;
        client.close();
        await().atMost(TIMEOUT).until(() -> !client.isOpen());
        return tasks;
    }

    private static Session connect(String query, MessageHandler.Whole<String> received, CompletableFuture<CloseReason> closed)
            throws Exception {
        return ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, received);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + port + "/idle/echo" + query));
    }
}
