package dev.switchboard.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * In front of the WebSocket endpoints (mapped in {@code META-INF/web-fragment.xml}, before the container's upgrade filter):
 * notes what the open of the session will need of the request being upgraded, which {@link Handshake.Capture} takes
 * into the session's properties — the upgrade and its {@code modifyHandshake} run on this thread, inside
 * {@code chain.doFilter}:
 * <ul>
 *   <li>on Payara, how to end the TCP connection, for {@link Transports#closeAndRelease}: Tyrus has no call that
 *       releases the transport of a session whose peer stopped reading, but Grizzly's
 *       {@code Connection.terminateSilently()} does, reached through Payara's request
 *       ({@code RequestFacade.getUnwrappedCoyoteRequest().getCoyoteRequest().getConnection()});
 *   <li>on WildFly, how to let go of the upgraded request once the session is open ({@link UpgradeExchange}).
 * </ul>
 * Elsewhere nothing is found and nothing done.
 */
public class UpgradeTransport implements Filter {

    private static final ThreadLocal<Runnable> TERMINATE = new ThreadLocal<>();
    private static final ThreadLocal<Runnable> RELEASE = new ThreadLocal<>();
    /** Request classes found not to be Payara's, so that other servers pay one map look-up per upgrade. */
    private static final java.util.Set<Class<?>> FOREIGN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        ServletRequest unwrapped = unwrap(request);
        Runnable terminate = terminatorOf(unwrapped);
        Runnable release = terminate == null ? UpgradeExchange.releaserOf(unwrapped) : null;
        if (terminate == null && release == null) {
            chain.doFilter(request, response);
            return;
        }
        TERMINATE.set(terminate);
        RELEASE.set(release);
        try {
            chain.doFilter(request, response);
        } finally {
            TERMINATE.remove();
            RELEASE.remove();
        }
    }

    /** What ends the transport of the request being upgraded on this thread, or {@code null}. */
    static Runnable current() {
        return TERMINATE.get();
    }

    /** What lets go of the request being upgraded on this thread once its session is open, or {@code null}. */
    static Runnable release() {
        return RELEASE.get();
    }

    private static ServletRequest unwrap(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        return current;
    }

    /** Grizzly's connection of a Payara request, as a way to end it; {@code null} anywhere else. */
    static Runnable terminatorOf(ServletRequest current) {
        if (FOREIGN.contains(current.getClass())) {
            return null;
        }
        if (publicMethod(current.getClass(), "getUnwrappedCoyoteRequest") == null) {
            FOREIGN.add(current.getClass());
            return null;
        }
        try {
            Object catalina = call(current, "getUnwrappedCoyoteRequest");
            Object grizzly = call(catalina, "getCoyoteRequest");
            Object connection = call(grizzly, "getConnection");
            Method terminate = publicMethod(connection.getClass(), "terminateSilently");
            if (terminate == null) {
                return null;
            }
            return () -> {
                try {
                    terminate.invoke(connection);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // the connection is gone already
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not Payara's request
        }
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method method = publicMethod(target.getClass(), name);
        if (method == null) {
            throw new NoSuchMethodException(name);
        }
        Object result = method.invoke(target);
        if (result == null) {
            throw new NoSuchMethodException(name + " gave nothing");
        }
        return result;
    }

    /** The method as declared by a public class or interface of the type, so that it may be invoked. */
    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
            for (Class<?> face : c.getInterfaces()) {
                Method method = publicMethod(face, name);
                if (method != null) {
                    return method;
                }
            }
        }
        return null;
    }
}
