package dev.switchboard.server;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client's address of a WebSocket session. Jakarta WebSocket 2.1 has no API for it, so this asks
 * the two implementations Switchboard runs on: Tyrus (Payara) has {@code TyrusSession.getRemoteAddr()},
 * Undertow (WildFly) has {@code UndertowSession.getWebSocketChannel().getSourceAddress()}. Any other
 * container gives {@code "unknown"}. {@code DetailsIT} checks both servers.
 */
final class RemoteAddresses {

    static final String UNKNOWN = "unknown";

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
        Method method;
        try {
            method = target.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
        return method.invoke(target);
    }
}
