package dev.switchboard.bench.floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of the benchmark: the least a container can do per delivery. A text frame a client sends goes, unchanged
 * and unparsed, to every open session of the sender's room (every session when the sender joined none: the fan-out's
 * one room), with the container's own async send. A frame starting with {@code ?} is answered to its sender only (the
 * floor of request/reply); {@code +room ?reply} joins the room (one at most) and answers {@code ?reply}. No JSON, no
 * presence, no queue, no back-pressure: not a product, a yardstick.
 */
@ServerEndpoint("/floor")
public class FloorEndpoint {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();
    private static final String ROOM = "floor.room";

    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    @OnClose
    public void close(Session session) {
        SESSIONS.remove(session);
        Object room = session.getUserProperties().get(ROOM);
        if (room != null) {
            ROOMS.computeIfPresent((String) room, (name, members) -> {
                members.remove(session);
                return members.isEmpty() ? null : members;
            });
        }
    }

    @OnMessage
    public void message(Session session, String text) {
        if (text.startsWith("?")) {
            session.getAsyncRemote().sendText(text);
            return;
        }
        if (text.startsWith("+")) {
            int space = text.indexOf(' ');
            if (space < 0) { // not the generator's join: the frame is the room's name, the answer empty
                space = text.length();
                text = text + " ";
            }
            String room = text.substring(1, space);
            session.getUserProperties().put(ROOM, room);
            ROOMS.compute(room, (name, members) -> {
                Set<Session> set = members == null ? ConcurrentHashMap.newKeySet() : members;
                set.add(session);
                return set;
            });
            session.getAsyncRemote().sendText(text.substring(space + 1));
            return;
        }
        Object room = session.getUserProperties().get(ROOM);
        Set<Session> to = room == null ? SESSIONS : ROOMS.getOrDefault((String) room, Set.of());
        for (Session each : to) {
            if (each.isOpen()) {
                each.getAsyncRemote().sendText(text);
            }
        }
    }
}
