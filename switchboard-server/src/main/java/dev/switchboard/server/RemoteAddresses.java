package dev.switchboard.server;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's address of a WebSocket session. Jakarta WebSocket 2.1 has no API for it, so this asks
 * the two implementations Switchboard runs on: Tyrus (Payara) has {@code TyrusSession.getRemoteAddr()},
 * Undertow (WildFly) has {@code UndertowSession.getWebSocketChannel().getSourceAddress()}. Any other
 * container gives {@code "unknown"}. {@code DetailsIT} checks both servers.
 */
final class RemoteAddresses {

    static final String UNKNOWN = "unknown";

    /**
     * The methods asked for, looked up once per class: a look-up that finds nothing throws, which cost every new
     * connection on WildFly two exceptions.
     */
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> found = new HashMap<>();
            for (String name : List.of("getRemoteAddr", "getWebSocketChannel", "getSourceAddress")) {
                try {
                    found.put(name, type.getMethod(name));
                } catch (NoSuchMethodException e) {
                    // not this implementation's
                }
            }
            return Map.copyOf(found);
        }
    };

    private RemoteAddresses() {
    }

    static String of(Session session) {
        try {
            Object tyrus = invoke(session, "getRemoteAddr");
            if (tyrus instanceof String address) {
                return address;
            }
            Object channel = invoke(session, "getWebSocketChannel");
            Object undertow = channel == null ? null : invoke(channel, "getSourceAddress");
            if (undertow instanceof InetSocketAddress address) {
                return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
            }
            if (undertow instanceof SocketAddress address) {
                return address.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static Object invoke(Object target, String name) throws ReflectiveOperationException {
        Method method = METHODS.get(target.getClass()).get(name);
        return method == null ? null : method.invoke(target);
    }
}
