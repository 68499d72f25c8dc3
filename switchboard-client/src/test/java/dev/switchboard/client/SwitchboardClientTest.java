package dev.switchboard.client;

import static dev.switchboard.client.ClientTestSupport.client;
import static dev.switchboard.client.ClientTestSupport.failure;
import static dev.switchboard.client.ClientTestSupport.get;
import static dev.switchboard.client.ClientTestSupport.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.server.InProcessServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls, events, spooling, timeouts and closing, against an in-process server. */
class SwitchboardClientTest {

    private final InProcessServer server = InProcessServer.start();
    private final List<SwitchboardClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(SwitchboardClient::close);
        server.close();
    }

    private SwitchboardClient track(SwitchboardClient client) {
        clients.add(client);
        return client;
    }

    @Test
    void callsGetTheirReplyDataAndEventsReachTheirListeners() {
        SwitchboardClient client = track(client(server).build().boot());
        List<JsonObject> says = new CopyOnWriteArrayList<>();
        client.on("say", data -> says.add(data.asJsonObject()));
        assertTrue(get(client.roomAdd("lobby")).getBoolean("joined"));
        JsonObject said = get(client.say("lobby", "hello"));
        until(() -> says.size() == 1);
        assertEquals("hello", says.get(0).getString("message"));
        assertEquals(said.getString("messageId"), says.get(0).getString("messageId"));
        assertEquals(Status.CONNECTED, client.status());
        assertTrue(client.isConnected());
    }

    @Test
    void aRefusedCallFailsWithTheServersCode() {
        SwitchboardClient client = track(client(server).build().boot());
        SwitchboardException refused = assertInstanceOf(SwitchboardException.class, failure(client.roomView("nowhere")));
        assertEquals(ErrorCode.NOT_IN_ROOM, refused.code());
        assertEquals(ErrorCode.UNKNOWN_METHOD,
                ((SwitchboardException) failure(client.call("shout", JsonValue.EMPTY_JSON_OBJECT))).code());
    }

    @Test
    void callsMadeBeforeBootAreSpooledAndSentInOrder() {
        SwitchboardClient client = track(client(server).build());
        List<Call> spooled = new CopyOnWriteArrayList<>();
        List<Call> sent = new CopyOnWriteArrayList<>();
        client.onSpooled(spooled::add);
        client.onSent(sent::add);
        CompletableFuture<JsonObject> join = client.roomAdd("early");
        List<CompletableFuture<JsonObject>> says = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            says.add(client.say("early", "m" + i));
        }
        assertEquals(6, spooled.size());
        assertEquals(Status.IDLE, client.status());
        client.boot();
        get(join);
        says.forEach(ClientTestSupport::get);
        assertEquals(spooled, sent.subList(0, 6));
        assertEquals(List.of("roomAdd", "say"), sent.subList(0, 2).stream().map(Call::method).toList());
    }

    @Test
    void aFullSpoolFailsTheNextCallAtOnce() {
        SwitchboardClient client = track(client(server).spoolSize(2).build());
        client.ping();
        client.ping();
        assertInstanceOf(SpoolFullException.class, failure(client.ping()));
    }

    @Test
    void aSpooledCallTimesOutCountedFromTheCall() {
        SwitchboardClient client = track(client(server).build());
        CompletableFuture<JsonValue> call = client.call("ping", JsonValue.EMPTY_JSON_OBJECT,
                CallOptions.DEFAULTS.withTimeout(Duration.ofMillis(100)));
        CallTimeoutException timeout = assertInstanceOf(CallTimeoutException.class, failure(call));
        assertTrue(timeout.getMessage().contains("never sent"), timeout.getMessage());
    }

    @Test
    void aNoReplyCallCompletesOnceWrittenAndGetsNoReply() {
        SwitchboardClient client = track(client(server).build().boot());
        get(client.roomAdd("quiet"));
        assertEquals(JsonValue.NULL, get(client.call("say", Json.createObjectBuilder().add("room", "quiet")
                .add("message", "shh").build(), CallOptions.noReplyCall())));
        List<JsonValue> errors = new CopyOnWriteArrayList<>();
        client.on("error", errors::add);
        client.call("shout", JsonValue.EMPTY_JSON_OBJECT, CallOptions.noReplyCall());
        until(() -> errors.size() == 1);
    }

    @Test
    void listenersAreRemovedByTheirSubscription() {
        SwitchboardClient client = track(client(server).build().boot());
        List<JsonValue> joins = new CopyOnWriteArrayList<>();
        Subscription subscription = client.on("join", joins::add);
        get(client.roomAdd("a"));
        until(() -> joins.size() == 1);
        subscription.close();
        get(client.roomAdd("b"));
        get(client.ping());
        assertEquals(1, joins.size());
    }

    @Test
    void theAddressAsksForPresenceDiffsOnceWhateverItsQuery() {
        assertEquals("ws://h/s?presence=diff", ClientCore.withPresenceDiffs(java.net.URI.create("ws://h/s")).toString());
        assertEquals("ws://h/s?presence=diff", ClientCore.withPresenceDiffs(java.net.URI.create("ws://h/s?")).toString());
        assertEquals("ws://h/s?sessionID=a%20b&presence=diff",
                ClientCore.withPresenceDiffs(java.net.URI.create("ws://h/s?sessionID=a%20b")).toString());
        assertEquals("ws://h/s?presence=diff&x=1", ClientCore.withPresenceDiffs(java.net.URI.create("ws://h/s?presence=diff&x=1")).toString());
    }

    @Test
    void theClientAsksForPresenceDiffsAndItsListenersHearEachJoinAndLeaveOfADiffInOrder() {
        SwitchboardClient alice = track(client(server).build().boot());
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> diffs = new CopyOnWriteArrayList<>();
        alice.on("join", data -> heard.add("join " + data.asJsonObject().getJsonObject("member").getString("user")));
        alice.on("leave", data -> heard.add("leave " + data.asJsonObject().getJsonObject("member").getString("user")));
        alice.on("presenceDiff", data -> heard.add("the diff itself"));
        alice.onPacket(frame -> {
            if (frame instanceof dev.switchboard.protocol.Event event && "presenceDiff".equals(event.event())) {
                diffs.add(event.data().toString());
            }
        });
        get(alice.auth("alice", "secret"));
        get(alice.roomAdd("lobby"));
        SwitchboardClient bob = track(client(server).build().boot());
        get(bob.auth("bob", "secret"));
        get(bob.roomAdd("lobby"));
        get(bob.roomLeave("lobby"));
        until(() -> heard.size() == 3);
        assertEquals(List.of("join alice", "join bob", "leave bob"), heard);
        assertTrue(!diffs.isEmpty(), "they came as presence diffs: " + diffs);
    }

    @Test
    void closeIsFinalAndFailsWhatIsPending() {
        SwitchboardClient client = track(client(server).build());
        CompletableFuture<JsonObject> spooled = client.ping();
        client.close();
        assertEquals(Status.CLOSED, client.status());
        assertInstanceOf(ClientClosedException.class, failure(spooled));
        assertInstanceOf(ClientClosedException.class, failure(client.ping()));
        assertThrows(IllegalStateException.class, client::boot);
    }

    @Test
    void closingAConnectedClientClosesItsConnection() {
        SwitchboardClient client = track(client(server).build().boot());
        get(client.ping());
        until(() -> server.connectionCount() == 1);
        client.close();
        until(() -> server.connectionCount() == 0);
        assertEquals(Status.CLOSED, client.status());
    }

    @Test
    void theServersEndEventWithoutReconnectClosesTheClient() {
        SwitchboardClient client = track(client(server).build().boot());
        get(client.ping());
        server.sendToAll("{\"type\":\"event\",\"event\":\"end\",\"data\":{\"reconnect\":false,\"retryAfterMs\":0}}");
        until(() -> client.status() == Status.CLOSED);
    }
}
