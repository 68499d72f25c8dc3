package dev.switchboard.client;

import static dev.switchboard.client.ClientTestSupport.client;
import static dev.switchboard.client.ClientTestSupport.get;
import static dev.switchboard.client.ClientTestSupport.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.HistoryView;
import dev.switchboard.protocol.Reply;
import dev.switchboard.protocol.RoomView;
import dev.switchboard.server.InProcessServer;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed Java API: events as records beside the raw listeners, replies as records, a helper for every method. */
class TypedApiTest {

    private final InProcessServer server = InProcessServer.start();
    private final List<SwitchboardClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(SwitchboardClient::close);
        server.close();
    }

    private SwitchboardClient started() {
        SwitchboardClient client = client(server).build();
        clients.add(client);
        return client;
    }

    @Test
    void eventsComeAsRecordsBesideTheRawListeners() {
        SwitchboardClient ann = started();
        SwitchboardClient bob = started();
        List<Events.SayEvent> says = new CopyOnWriteArrayList<>();
        List<Events.JoinEvent> joins = new CopyOnWriteArrayList<>();
        List<Events.LeaveEvent> leaves = new CopyOnWriteArrayList<>();
        List<Events.TellEvent> tells = new CopyOnWriteArrayList<>();
        List<Frame> packets = new CopyOnWriteArrayList<>();
        List<String> raw = new CopyOnWriteArrayList<>();
        ann.on(Events.SayEvent.class, says::add);
        ann.on(Events.JoinEvent.class, joins::add);
        ann.on(Events.LeaveEvent.class, leaves::add);
        ann.on(Events.TellEvent.class, tells::add);
        ann.on("say", data -> raw.add(data.asJsonObject().getString("message")));
        ann.onPacket(packets::add);
        ann.boot();
        bob.boot();
        get(ann.auth("ann", "secret"));
        get(bob.auth("bob", "secret"));
        String annId = get(ann.detailsView()).getString("id");
        get(ann.listenToRoom("typed"));
        get(bob.roomAdd("typed"));
        until(() -> joins.stream().anyMatch(join -> "bob".equals(join.member().user())));
        get(bob.say("typed", Json.createValue("hello")));
        until(() -> says.size() == 1 && raw.size() == 1);
        Events.SayEvent say = says.get(0);
        assertEquals("typed", say.room());
        assertEquals("bob", say.from().user());
        assertEquals(Json.createValue("hello"), say.message());
        assertNotNull(say.position(), "the room's position comes with it");
        assertEquals("hello", raw.get(0));
        get(bob.tell(annId, Json.createValue("psst")));
        until(() -> tells.size() == 1);
        assertEquals("psst", ((jakarta.json.JsonString) tells.get(0).message()).getString());
        get(bob.silenceRoom("typed"));
        until(() -> leaves.stream().anyMatch(leave -> "bob".equals(leave.member().user())));
        assertTrue(packets.stream().anyMatch(frame -> frame instanceof Event event && "welcome".equals(event.event())));
        assertTrue(packets.stream().anyMatch(Reply.class::isInstance), "every frame received reaches the packet listeners");
        assertThrows(IllegalArgumentException.class, () -> ann.on(String.class, text -> { }));
    }

    @Test
    void repliesAsRecordsAndAHelperForEveryMethod() throws Exception {
        SwitchboardClient client = started();
        List<Call> sent = new CopyOnWriteArrayList<>();
        client.onSent(sent::add);
        client.boot();
        get(client.roomChange("first"));
        get(client.say("first", Json.createValue("one")));
        get(client.say("first", Json.createValue("two")));
        RoomView view = get(client.view("first"));
        assertEquals("first", view.room());
        assertEquals(1, view.membersCount());
        HistoryView history = get(client.history("first", 1));
        assertEquals(1, history.messages().size());
        assertEquals("two", history.messages().get(0).getString("message"));
        get(client.roomChange("second"));
        assertEquals(List.of("second"), get(client.detailsView()).getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList(), "roomChange leaves every other room");
        // this in-process server has no files and no actions: the calls go out as the protocol says, and are refused
        ExecutionException file = assertThrows(ExecutionException.class, () -> client.file("index.html").get(15, TimeUnit.SECONDS));
        assertInstanceOf(SwitchboardException.class, file.getCause());
        assertThrows(ExecutionException.class, () -> client.documentation().get(15, TimeUnit.SECONDS));
        until(() -> sent.stream().anyMatch(call -> "documentation".equals(call.method())));
        assertTrue(sent.stream().anyMatch(call -> "file".equals(call.method()) && "index.html".equals(call.params().getString("file"))));
    }

    @Test
    void theClosedListenersHearWhyTheConnectionWent() {
        SwitchboardClient client = started();
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        client.onClosed(closes::add);
        client.boot();
        get(client.ping());
        assertThrows(ExecutionException.class, () -> client.call("drop", Json.createObjectBuilder().build()).get(15, TimeUnit.SECONDS));
        until(() -> !closes.isEmpty());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY.getCode(), closes.get(0).getCloseCode().getCode());
        assertEquals("dropped on purpose", closes.get(0).getReasonPhrase());
    }
}
