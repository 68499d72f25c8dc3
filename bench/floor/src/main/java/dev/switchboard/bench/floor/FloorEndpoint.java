package dev.switchboard.bench.floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of the benchmark: the least a container can do per delivery. Every text frame a client
 * sends goes, unchanged and unparsed, to every open session (one room: everyone), with the
 * container's own async send; a frame starting with {@code ?} is answered to its sender only (the
 * floor of request/reply). No JSON, no rooms, no queue, no back-pressure: not a product, a yardstick.
 */
@ServerEndpoint("/floor")
public class FloorEndpoint {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
    }

    @OnMessage
    public void message(Session session, String text) {
        if (text.startsWith("?")) {
            session.getAsyncRemote().sendText(text);
            return;
        }
        for (Session each : SESSIONS) {
            if (each.isOpen()) {
                each.getAsyncRemote().sendText(text);
            }
        }
    }
}
