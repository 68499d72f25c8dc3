package dev.switchboard.server;

import jakarta.servlet.ServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets go of the HTTP request a WebSocket connection was upgraded from, on Undertow (WildFly). Undertow's connection keeps
 * the listener it upgraded with ({@code HttpServerConnection.upgradeListener}, set by
 * {@code HttpServerExchange.upgradeChannel} and never cleared), and that listener holds the upgrade's
 * {@code HttpServerExchange}: its header maps, the servlet request and response, the exchange's attachments and
 * Elytron's security context — some 2 KiB of heap for the life of every idle connection, read by nothing once the
 * session is open (the session's principal, URI and parameters are copies taken at its open;
 * docs/performance.md, "What an idle connection holds"). Undertow calls the listener once, to open the session; the
 * open ({@link SocketSession}) runs inside that call (on the session's executor after it, where frames are handed to
 * worker threads), so clearing the field there is after its only use.
 *
 * <p>No Jakarta API reaches it, so this is reflection on Undertow's classes, found once: a container whose request or
 * connection is not Undertow's as read in 2.3.x (Payara, another version) is left as it is, logged once at INFO.
 */
final class UpgradeExchange {

    private static final Logger LOG = System.getLogger(UpgradeExchange.class.getName());
    /** The HTTP/1.1 connection of Undertow, whose field holds the listener (HTTP/2 upgrades keep none). */
    private static final String UNDERTOW_CONNECTION = "io.undertow.server.protocol.http.HttpServerConnection";

    /** The servlet request's exchange, the exchange's connection, and the connection's listener; found once. */
    private record Reach(Class<?> request, Method exchange, Method connection, Field listener) {
    }

    private static volatile Reach reach;
    /** Request classes found not to be Undertow's (Payara's), so that other containers pay one look-up per upgrade. */
    private static final Set<Class<?>> FOREIGN = ConcurrentHashMap.newKeySet();

    private UpgradeExchange() {
    }

    /**
     * What lets go of the request behind this servlet request once its session is open; {@code null} when the
     * container is not Undertow (or not as known).
     */
    static Runnable releaserOf(ServletRequest request) {
        Class<?> type = request.getClass();
        if (FOREIGN.contains(type)) {
            return null;
        }
        Reach known = reach;
        if (known == null || known.request() != type) {
            known = find(type);
            if (known == null) {
                FOREIGN.add(type);
                return null;
            }
            reach = known;
        }
        try {
            Object connection = known.connection().invoke(known.exchange().invoke(request));
            if (connection == null || !known.listener().getDeclaringClass().isInstance(connection)) {
                return null;
            }
            Field listener = known.listener();
            return () -> {
                try {
                    listener.set(connection, null);
                } catch (IllegalAccessException | RuntimeException e) {
                    // kept, as it would be without Switchboard
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Undertow's way from a request of this class to its connection's listener; {@code null} when there is none. */
    private static Reach find(Class<?> type) {
        try {
            Method exchange = type.getMethod("getExchange");
            Method connection = exchange.getReturnType().getMethod("getConnection");
            Class<?> undertow = Class.forName(UNDERTOW_CONNECTION, false, connection.getReturnType().getClassLoader());
            Field listener = undertow.getDeclaredField("upgradeListener");
            listener.setAccessible(true);
            return new Reach(type, exchange, connection, listener);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "The upgrade request of {0} is kept for the life of its connection (not Undertow''s as "
                    + "known: {1})", type.getName(), e.toString());
            return null;
        }
    }
}
