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

    /** Tyrus's session: the address as a string. */
    private static final String TYRUS_ADDRESS = "getRemoteAddr";
    /** Undertow's session: its channel, whose source address is the client's. */
    private static final String UNDERTOW_CHANNEL = "getWebSocketChannel";
    private static final String UNDERTOW_ADDRESS = "getSourceAddress";

    /**
     * The methods asked for, looked up once per class: a look-up that finds nothing throws, which cost every new
     * connection on WildFly two exceptions.
     */
    private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> found = new HashMap<>();
            for (String name : List.of(TYRUS_ADDRESS, UNDERTOW_CHANNEL, UNDERTOW_ADDRESS)) {
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
            Object tyrus = invoke(session, TYRUS_ADDRESS);
            if (tyrus instanceof String address) {
                return address;
            }
            Object channel = invoke(session, UNDERTOW_CHANNEL);
            Object undertow = channel == null ? null : invoke(channel, UNDERTOW_ADDRESS);
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
