package dev.switchboard.server;

import jakarta.websocket.Session;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * Releases the transport of a session whose peer does not read. {@code Session.close} only queues a
 * close frame: for a peer that stopped reading (its receive window full) the frame never goes out, and
 * both containers keep the socket and its unsent data until it does — Undertow waits for the flush with
 * no timeout, Tyrus/Grizzly closes gracefully behind the pending writes. Undertow's session has
 * {@code forceClose()}, which closes the channel at once; Tyrus has no public way, so on Payara the
 * Grizzly connection noted at the upgrade ({@link UpgradeTransport}) is terminated (docs/operations.md,
 * "Platform notes").
 */
final class Transports {

    private static final Logger LOG = System.getLogger(Transports.class.getName());
    private static final ConcurrentMap<Class<?>, Optional<Method>> FORCE = new ConcurrentHashMap<>();
    /** Undertow's session's {@code getWebSocketChannel()}, and its channel's {@code getIoThread()}, by class. */
    private static final ConcurrentMap<Class<?>, Optional<Method>> CHANNEL = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Class<?>, Optional<Method>> IO_THREAD = new ConcurrentHashMap<>();
    /** Whether threads of a class are a container's I/O threads, by the thread's class. */
    private static final ConcurrentMap<Class<?>, Boolean> IO_THREADS = new ConcurrentHashMap<>();
    /** The class of Undertow's I/O threads (XNIO's), which run WebSocket endpoints when {@code dispatch-to-worker=false}. */
    private static final String XNIO_IO_THREAD = "org.xnio.XnioIoThread";

    private Transports() {
    }

    /** The session's user property holding what ends its transport (Payara), from the handshake. */
    static final String TERMINATE = Transports.class.getName() + ".terminate";

    /**
     * Closes the session ({@code close}) and releases its transport; true when it was released. On Payara the Grizzly
     * connection ends <em>before</em> the close: Tyrus' close resumes the upgraded HTTP request, and Grizzly may then
     * read what the peer still sends as a new request through the application's filters; that fails and leaves Weld's
     * request context active on the worker thread, so the next frame it served — another connection's {@code say} —
     * failed and closed that connection (seen in {@code ProtectionIT} on Payara). On WildFly the channel is forced
     * after the close, which has queued its close frame.
     */
    static boolean closeAndRelease(Session session, Runnable close) {
        if (session.getUserProperties().get(TERMINATE) instanceof Runnable terminate) {
            terminate.run();
            close.run();
            return true;
        }
        close.run();
        return forceClose(session);
    }

    /**
     * Whether the current thread is one of the container's I/O threads, each serving many connections, so that nothing
     * run on it may wait: Undertow's, where its WebSocket endpoints run without the hand-off of every frame to a worker
     * thread ({@code dispatch-to-worker=false}, WildFly as shipped: {@code server-config/wildfly/io-threads.cli}). Tyrus
     * on Payara runs endpoints on its HTTP worker threads.
     */
    static boolean onIoThread() {
        return IO_THREADS.computeIfAbsent(Thread.currentThread().getClass(), Transports::isIoThread);
    }

    private static boolean isIoThread(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            if (at.getName().equals(XNIO_IO_THREAD)) {
                return true;
            }
        }
        return false;
    }

    /** Undertow's {@code forceClose()} of the session, where it has one; true when it did. */
    private static boolean forceClose(Session session) {
        // io.undertow.websockets.jsr.UndertowSession has it
        Optional<Method> force = FORCE.computeIfAbsent(session.getClass(), type -> publicMethod(type, "forceClose"));
        if (force.isEmpty()) {
            return false;
        }
        try {
            force.get().invoke(session);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not force the transport of a session closed: {0}", e.toString());
            return false;
        }
    }

    /**
     * The thread that writes the session's socket, where Undertow hands every send from another thread: its channel's I/O
     * thread ({@code UndertowSession.getWebSocketChannel().getIoThread()}, an {@code XnioIoThread}, which is an
     * {@code Executor}); {@code null} on other containers, or when it cannot be found.
     */
    static Executor writer(Session session) {
        Optional<Method> channelOf = CHANNEL.computeIfAbsent(session.getClass(), type -> publicMethod(type, "getWebSocketChannel"));
        if (channelOf.isEmpty()) {
            return null;
        }
        try {
            Object channel = channelOf.get().invoke(session);
            if (channel == null) {
                return null;
            }
            Optional<Method> threadOf = IO_THREAD.computeIfAbsent(channel.getClass(), type -> publicMethod(type, "getIoThread"));
            return threadOf.isPresent() && threadOf.get().invoke(channel) instanceof Executor writer ? writer : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No writing thread of a session: {0}", e.toString());
            return null;
        }
    }

    private static Optional<Method> publicMethod(Class<?> type, String name) {
        try {
            return Optional.of(type.getMethod(name));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

}
