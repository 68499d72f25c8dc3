package dev.switchboard.server;

import dev.switchboard.config.LimitSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.metrics.Meters;
import dev.switchboard.security.Refusals;
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
        /** Thrown by {@code sendText} instead of sending, like Tyrus' {@code Error} for text it cannot encode. */
        Throwable failSendWith;
        int inFlight;
        int maxInFlight;
        CloseReason closedWith;
        /** Thrown by {@code close} after it noted the reason, like Payara's close of a transport ended first. */
        RuntimeException failCloseWith;
        final java.util.Map<String, Object> userProperties = new java.util.HashMap<>();

        Session session() {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            if (failSendWith != null) {
                                throw failSendWith;
                            }
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
                        if (method.getName().equals("sendPing")) {
                            sent.add("<ping>");
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> async;
                        case "getUserProperties" -> userProperties;
                        case "getUserPrincipal" -> null;
                        case "isOpen" -> closedWith == null;
                        case "close" -> {
                            closedWith = (CloseReason) args[0];
                            if (failCloseWith != null) {
                                throw failCloseWith;
                            }
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
    void anEvictedConnectionsTransportIsEndedWhereTheHandshakeSaidHowBeforeTheClose() {
        ScriptedSession script = new ScriptedSession();
        java.util.concurrent.atomic.AtomicInteger terminated = new java.util.concurrent.atomic.AtomicInteger();
        List<CloseReason> closedBeforeTheEnd = new ArrayList<>();
        script.userProperties.put(Transports.TERMINATE, (Runnable) () -> { // as on Payara
            terminated.incrementAndGet();
            if (script.closedWith != null) {
                closedBeforeTheEnd.add(script.closedWith);
            }
        });
        Connection connection = connection(script, 1);
        connection.send("first"); // in flight, never completes: the peer reads nothing
        connection.send("queued");
        connection.send("one too many");
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
        assertEquals(1, terminated.get(), "the close frame cannot reach it: the transport is ended too");
        assertEquals(List.of(), closedBeforeTheEnd, "ended first: Payara's close resumes the HTTP request, which then reads the peer's bytes");
        connection.send("more");
        assertEquals(1, terminated.get(), "once");
    }

    @Test
    void aContainerThatFailsToCloseAnEvictedMemberDoesNotFailWhoeverFilledItsQueue() {
        ScriptedSession script = new ScriptedSession();
        script.failCloseWith = new NullPointerException("the request's context is gone"); // seen on Payara
        Connection connection = connection(script, 1);
        connection.send("first");
        connection.send("queued");
        connection.send("one too many"); // a publisher's fan-out evicts it: it must return normally
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
        assertTrue(connection.closing());
    }

    @Test
    void aSendThatThrowsAnErrorClosesThatConnectionWith1011AndNeverReachesTheFlushingThread() {
        ScriptedSession broken = new ScriptedSession();
        broken.failSendWith = new Error(new java.nio.charset.MalformedInputException(1));
        ScriptedSession healthy = new ScriptedSession();
        healthy.completeInline = true;
        Connection victim = connection(broken, 10);
        Connection other = connection(healthy, 10);
        for (Connection member : List.of(victim, other)) { // one fan-out: offer to all, then flush each
            member.offer("x");
        }
        victim.flush();
        other.flush();
        assertEquals(1011, broken.closedWith.getCloseCode().getCode());
        assertTrue(victim.closing());
        assertEquals(List.of("x"), healthy.sent);
        other.send("y");
        assertEquals(List.of("x", "y"), healthy.sent, "the other member's writer goes on");
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

    @Test
    void aReaderThatStallsIsClosedWith1013WhenItsQueueHoldsTooManyCharacters() {
        ScriptedSession script = new ScriptedSession();
        List<Refusals.Kind> refused = new ArrayList<>();
        Connection connection = new Connection("c", script.session(), "127.0.0.1", "fp", false, null, Set.of(), 0,
                new LimitSettings(LimitSettings.FRAME_BYTES_CEILING, 1000, 100, 1000, 1000, 1000, 1000), refused::add, new Meters());
        connection.send("first"); // in flight, never completes
        connection.send("x".repeat(60));
        assertNull(script.closedWith);
        connection.send("y".repeat(60));
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
        assertEquals(List.of(Refusals.Kind.SLOW_CONSUMER), refused);
    }

    private static Connection boundedByCharacters(ScriptedSession script, long chars) {
        return new Connection("c", script.session(), "127.0.0.1", "fp", false, null, Set.of(), 0,
                new LimitSettings(LimitSettings.FRAME_BYTES_CEILING, 1000, chars, 1000, 1000, 1000, 1000), kind -> { }, new Meters());
    }

    @Test
    void theIndexByUserFollowsAuthenticationAndClose() {
        Users users = new Users();
        Connection first = connection(new ScriptedSession(), 10);
        Connection second = connection(new ScriptedSession(), 10);
        first.indexIn(users);
        second.indexIn(users);
        first.authenticate(new dev.switchboard.security.Identity("ann", Set.of()));
        second.authenticate(new dev.switchboard.security.Identity("ann", Set.of()));
        assertEquals(2, users.of("ann").size());
        second.authenticate(new dev.switchboard.security.Identity("bob", Set.of())); // a new auth as someone else
        assertEquals(List.of(first), users.of("ann"));
        assertEquals(List.of(second), users.of("bob"));
        second.closed();
        users.closed(second);
        assertEquals(List.of(), users.of("bob"));
        first.closed(); // closed while it authenticates: the index never keeps it
        first.authenticate(new dev.switchboard.security.Identity("ann", Set.of()));
        assertEquals(0, users.users());
    }

    @Test
    void aCloseAskedForBehindARunningActionWaitsForTheRepliesOfEarlierCalls() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = connection(script, 100);
        Caller.ReplySlot action = connection.reserveReply(); // call 1, an action, still running
        connection.reply("reply 2: INTERNAL"); // call 2 hit a bug: its reply, then the close
        connection.closeAfterQueued(1011, "internal server error");
        assertTrue(connection.closing(), "nothing more is read");
        assertNull(script.closedWith, "not before the replies of earlier calls");
        action.fill("reply 1");
        assertEquals(List.of("reply 1", "reply 2: INTERNAL"), script.sent);
        assertEquals(1011, script.closedWith.getCloseCode().getCode());
    }

    @Test
    void aReplyLargerThanTheBoundWaitsBehindARunningActionWithoutEvictingAReader() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = boundedByCharacters(script, 100);
        Caller.ReplySlot action = connection.reserveReply();
        connection.reply("h".repeat(500)); // a long history behind a running action
        assertNull(script.closedWith);
        action.fill("done");
        assertEquals(List.of("done", "h".repeat(500)), script.sent);
    }

    @Test
    void repliesPilingUpBehindASlowActionAreBoundedLikeTheQueue() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = connection(script, 10);
        connection.reserveReply(); // an action that never ends
        for (int i = 0; i < 10; i++) {
            connection.reply("pong " + i);
        }
        assertNull(script.closedWith, "up to the bound they wait");
        connection.reply("pong 10");
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
        assertEquals(List.of(), script.sent, "nothing overtook the reply it waits for");
    }

    @Test
    void aReplayLargerThanTheBoundIsWrittenFrameByFrameAsTheClientReadsAndLiveFramesFollowIt() {
        ScriptedSession script = new ScriptedSession();
        Connection connection = boundedByCharacters(script, 100);
        List<String> history = IntStream.range(0, 20).mapToObj(i -> i + "-" + "h".repeat(48)).toList(); // 1,000 characters
        connection.offerAll(history);
        connection.offer("live");
        connection.flush();
        while (!script.pending.isEmpty()) {
            script.completeOne(); // the client reads, one frame at a time
        }
        assertNull(script.closedWith, "a client that reads is never evicted for its replay");
        List<String> expected = new ArrayList<>(history);
        expected.add("live");
        assertEquals(expected, script.sent);
        assertEquals(1, script.maxInFlight);
    }

    @Test
    void aReplyLargerThanTheBoundGoesToAConnectionThatReadsButNotToOneThatPilesThemUp() {
        ScriptedSession script = new ScriptedSession();
        Connection connection = boundedByCharacters(script, 100);
        connection.send("first"); // in flight: the client has not read it yet
        connection.reply("r".repeat(500)); // a long history: the queue was within its bound before it
        assertNull(script.closedWith);
        script.completeOne();
        assertEquals("r".repeat(500), script.sent.get(1));
        connection.reply("s".repeat(500)); // in flight now, unread
        connection.reply("t".repeat(500)); // the queue is over its bound already: this one evicts
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, script.closedWith.getCloseCode());
    }

    @Test
    void aQuietConnectionIsPingedThroughItsWriterAndDeclaredDeadWithoutAPong() {
        ScriptedSession script = new ScriptedSession();
        script.completeInline = true;
        Connection connection = connection(script, 100);
        long start = System.nanoTime();
        long second = 1_000_000_000L;
        assertFalse(connection.keepAlive(start, 10 * second, 5 * second), "heard from just now: no ping");
        assertEquals(List.of(), script.sent);
        assertFalse(connection.keepAlive(start + 11 * second, 10 * second, 5 * second));
        assertEquals(List.of("<ping>"), script.sent);
        assertFalse(connection.keepAlive(start + 15 * second, 10 * second, 5 * second), "within the timeout");
        assertTrue(connection.keepAlive(start + 17 * second, 10 * second, 5 * second), "no pong in time: dead");
        connection.heard();
        assertFalse(connection.keepAlive(System.nanoTime(), 10 * second, 5 * second), "a pong makes it alive again");
    }

    @Test
    void originsAreTheServersOwnHostTheConfiguredOnesOrNoneFromABrowser() {
        Origins own = new Origins(List.of());
        assertTrue(own.allows(null, "chat.example.com"), "no Origin: not a browser");
        assertTrue(own.allows("https://chat.example.com", "chat.example.com"));
        assertTrue(own.allows("http://localhost:8080", "localhost:8080"));
        assertFalse(own.allows("http://localhost:8081", "localhost:8080"), "another port is another origin");
        assertFalse(own.allows("https://evil.example", "chat.example.com"));
        assertFalse(own.allows("null", "chat.example.com"), "a sandboxed page");
        assertFalse(own.allows("https://evil.example", null));
        Origins listed = new Origins(List.of("https://app.example.com"));
        assertTrue(listed.allows("https://app.example.com/", "chat.example.com"));
        assertFalse(listed.allows("https://app.example.com.evil.example", "chat.example.com"));
        assertTrue(new Origins(List.of("*")).allows("https://anyone.example", "chat.example.com"));
    }

    private static Connection connection(ScriptedSession script, int queueLimit) {
        return new Connection("c", script.session(), "127.0.0.1", "fp", false, null, Set.of(), 0,
                LimitSettings.queueOnly(queueLimit), kind -> { }, new Meters());
    }
}
