package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.verbs.Caller;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The single writer of a connection, against a scripted session (no container). */
class ConnectionTest {

    /** A session whose async remote records what is sent; completes sends at once or when told. */
    static final class ScriptedSession {
        final List<String> sent = new ArrayList<>();
        final Queue<SendHandler> pending = new ArrayDeque<>();
        boolean completeInline;
        int inFlight;
        int maxInFlight;
        CloseReason closedWith;

        Session session() {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            inFlight++;
                            maxInFlight = Math.max(maxInFlight, inFlight);
                            SendHandler handler = (SendHandler) args[1];
                            if (completeInline) {
                                inFlight--;
                                handler.onResult(new SendResult());
                            } else {
                                pending.add(handler);
                            }
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void completeOne() {
            inFlight--;
            pending.remove().onResult(new SendResult());
        }
    }

    @Test
    void sendsThatCompleteInlineDrainALongQueueInOrderWithoutDeepeningTheStack() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = connection(script, 200_000);
        List<String> frames = IntStream.range(0, 100_000).mapToObj(i -> "f" + i).toList();
        frames.forEach(connection::offer);
        connection.flush();
        assertEquals(frames, script.sent);
        assertEquals(100_000, connection.details().messagesOut());
    }

    @Test
    void onlyOneSendIsInFlightAndTheNextStartsOnCompletion() {
        ScriptedSession script = new ScriptedSession();
        Connection connection = connection(script, 100);
        connection.send("a");
        connection.send("b");
        connection.send("c");
        assertEquals(List.of("a"), script.sent);
        script.completeOne();
        assertEquals(List.of("a", "b"), script.sent);
        script.completeOne();
        script.completeOne();
        assertEquals(List.of("a", "b", "c"), script.sent);
        assertEquals(1, script.maxInFlight);
        connection.send("d");
        assertEquals(List.of("a", "b", "c", "d"), script.sent);
    }

    @Test
    void aReaderThatStallsIsClosedWith1013AtTheBound() {
        ScriptedSession script = new ScriptedSession();
        Connection connection = connection(script, 3);
        connection.send("first"); // in flight, never completes
        for (int i = 0; i < 3; i++) {
            connection.send("queued" + i);
        }
        assertNull(script.closedWith);
        connection.send("one too many");
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
    }

    @Test
    void closeAfterQueuedSendsWhatIsQueuedFirst() {
        ScriptedSession script = new ScriptedSession();
        Connection connection = connection(script, 100);
        connection.send("reply");
        connection.closeAfterQueued(1000, "quit");
        assertNull(script.closedWith);
        script.completeOne();
        assertEquals(List.of("reply"), script.sent);
        assertEquals(1000, script.closedWith.getCloseCode().getCode());
        connection.send("too late");
        assertTrue(script.pending.isEmpty());
        assertEquals(List.of("reply"), script.sent);
    }

    @Test
    void aReplyWaitsForTheReplyOfAnEarlierCallThatIsStillRunning() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = connection(script, 100);
        Caller.ReplySlot action = connection.reserveReply();
        connection.reply("reply 2");
        connection.send("event");
        assertEquals(List.of("event"), script.sent);
        action.fill("reply 1");
        assertEquals(List.of("event", "reply 1", "reply 2"), script.sent);
        connection.reply("reply 3");
        assertEquals(List.of("event", "reply 1", "reply 2", "reply 3"), script.sent);
    }

    private static Connection connection(ScriptedSession script, int queueLimit) {
        return new Connection("c", script.session(), "127.0.0.1", "fp", null, Set.of(), 0, queueLimit);
    }
}
