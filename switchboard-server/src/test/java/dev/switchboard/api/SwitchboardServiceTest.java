package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.events.Joined;
import dev.switchboard.events.Observers;
import dev.switchboard.events.Said;
import dev.switchboard.events.Told;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.SwitchboardFailure;
import dev.switchboard.rooms.LocalDirectory;
import dev.switchboard.rooms.Member;
import dev.switchboard.rooms.PolicyRefusal;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomPolicy;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server API over a real registry on a node alone, with connections the test records. */
class SwitchboardServiceTest {

    private final FrameCodec codec = new FrameCodec();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<RecordingCaller> connections = new CopyOnWriteArrayList<>();
    private final List<Object> reported = new CopyOnWriteArrayList<>();
    private final FailingBus bus = new FailingBus();
    private final RoomRegistry registry = new RoomRegistry(bus, codec, new NodeIdentity("n1"), Clock.systemUTC(), new LocalDirectory() {
        @Override
        public List<? extends Member> find(String idOrUser) {
            return connections.stream().filter(c -> c.id().equals(idOrUser) || idOrUser.equals(c.user())).toList();
        }

        @Override
        public Collection<? extends Member> all() {
            return connections;
        }
    }, Settings.of(Map.of()));
    private final RecordingCaller ann = connection("c1", "ann");
    private final RecordingCaller annAgain = connection("c2", "ann");
    private final RecordingCaller bob = connection("c3", "bob");

    private SwitchboardService service(RoomPolicy... policies) {
        Observers recording = new Observers() {
            @Override
            public boolean observes(Class<?> type) {
                return true;
            }

            @Override
            public void report(Object event) {
                reported.add(event);
            }
        };
        registry.observers(recording);
        return new SwitchboardService(registry, codec, new NodeIdentity("n1"), new RoomPolicies(List.of(policies)), recording,
                Settings.of(Map.of()).api(), executor);
    }

    private RecordingCaller connection(String id, String user) {
        RecordingCaller caller = new RecordingCaller(id);
        caller.authenticate(new Identity(user, Set.of()));
        connections.add(caller);
        return caller;
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        codec.close();
    }

    private static <T> T done(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stage failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonObject> events(RecordingCaller caller, String name) {
        return caller.frames().stream().map(frame -> (JsonObject) codec.parse(frame))
                .filter(frame -> name.equals(frame.getString("event", ""))).map(frame -> frame.getJsonObject("data")).toList();
    }

    @Test
    void aPublishReachesEveryMemberOnceAsTheApplicationWithItsPosition() {
        Switchboard switchboard = service();
        registry.join(ann, new RoomName("orders"));
        registry.join(bob, new RoomName("orders"));
        Sent sent = done(switchboard.publish("orders", Json.createValue("order 17 shipped"), SendOptions.NONE.as("shop")));
        for (RecordingCaller member : List.of(ann, bob)) {
            List<JsonObject> says = events(member, "say");
            assertEquals(1, says.size(), says::toString);
            JsonObject say = says.get(0);
            assertEquals("order 17 shipped", say.getString("message"));
            assertTrue(say.getJsonObject("from").isNull("id"), "from.id is null: the application");
            assertEquals("shop", say.getJsonObject("from").getString("user"));
            assertEquals(sent.messageId(), say.getString("messageId"));
            assertEquals(sent.position().toJson(), say.getJsonObject("position"));
        }
        Said said = (Said) reported.stream().filter(Said.class::isInstance).findFirst().orElseThrow();
        assertEquals(sent.position(), said.position());
        assertEquals("say", said.event());
    }

    @Test
    void aRepeatedKeyPublishesOnceAndAnswersWithTheOriginal() {
        Switchboard switchboard = service();
        registry.join(ann, new RoomName("orders"));
        Sent first = done(switchboard.publish("orders", Json.createValue("once"), SendOptions.NONE.withKey("order-17")));
        Sent again = done(switchboard.publish("orders", Json.createValue("once"), SendOptions.NONE.withKey("order-17")));
        Sent other = done(switchboard.publish("orders", Json.createValue("once"), SendOptions.NONE.withKey("order-18")));
        assertEquals(new Sent(first.messageId(), first.position(), true), again);
        assertEquals(false, other.repeated());
        assertEquals(2, events(ann, "say").size(), "the repeat reached nobody");
        assertEquals(2, registry.history(new RoomName("orders"), 10).size(), "nor the history");
    }

    @Test
    void aPublishGoesThroughTheRoomsPolicies() {
        Switchboard switchboard = service(new RoomPolicy() {
            @Override
            public JsonValue say(Member sender, RoomName room, JsonValue message) {
                if (room.value().startsWith("quiet")) {
                    throw new PolicyRefusal(ErrorCode.FORBIDDEN, "quiet please");
                }
                return Json.createValue(((JsonString) message).getString().toUpperCase() + " (" + sender.user() + ")");
            }
        });
        registry.join(ann, new RoomName("loud"));
        done(switchboard.publish("loud", Json.createValue("hi"), SendOptions.NONE.as("shop")));
        assertEquals("HI (shop)", events(ann, "say").get(0).getString("message"));
        SwitchboardFailure refused = assertInstanceOf(SwitchboardFailure.class, failure(switchboard.publish("quiet", Json.createValue("hi"))));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
    }

    @Test
    void anEventToARoomIsInTheRoomsOrderAndHistoryUnderItsOwnName() {
        Switchboard switchboard = service();
        registry.join(ann, new RoomName("prices"));
        Sent sent = done(switchboard.emit(Target.room("prices"), "price", Json.createObjectBuilder().add("eur", 12).build()));
        JsonObject price = events(ann, "price").get(0);
        assertEquals(12, price.getJsonObject("data").getInt("eur"));
        assertEquals("prices", price.getString("room"));
        assertEquals(sent.position().toJson(), price.getJsonObject("position"));
        assertEquals(1, registry.history(new RoomName("prices"), 10).size());
        for (String reserved : List.of("say", "welcome", "rejoined", "connected", "9lives", "")) {
            SwitchboardFailure refused = assertInstanceOf(SwitchboardFailure.class,
                    failure(switchboard.emit(Target.room("prices"), reserved, JsonValue.NULL)), reserved);
            assertEquals(ErrorCode.BAD_PARAMS, refused.code());
        }
    }

    @Test
    void aTellOrAnEventToAUserReachesEachOfItsConnectionsAndNobodyElse() {
        Switchboard switchboard = service();
        Sent told = done(switchboard.tell(Target.user("ann"), Json.createValue("your ticket")));
        done(switchboard.emit(Target.connection("c2"), "ticket-assigned", Json.createValue(17)));
        for (RecordingCaller connection : List.of(ann, annAgain)) {
            JsonObject tell = events(connection, "tell").get(0);
            assertEquals("your ticket", tell.getString("message"));
            assertTrue(tell.getJsonObject("from").isNull("id"));
            assertEquals(told.messageId(), tell.getString("messageId"));
        }
        assertEquals(List.of(), events(ann, "ticket-assigned"));
        assertEquals(17, events(annAgain, "ticket-assigned").get(0).getInt("data"));
        assertEquals(List.of(), bob.frames());
        assertTrue(reported.stream().anyMatch(event -> event instanceof Told t && t.to().equals("ann")));
        SwitchboardFailure nobody = assertInstanceOf(SwitchboardFailure.class, failure(switchboard.tell(Target.user("carl"), JsonValue.TRUE)));
        assertEquals(ErrorCode.NOT_FOUND, nobody.code());
    }

    @Test
    void aConnectionTargetNeverReachesAUserNamedLikeItsIdNorTheOtherWayRound() {
        Switchboard switchboard = service();
        RecordingCaller impostor = connection("x9", "c1"); // a user who took ann's connection id as their name
        done(switchboard.tell(Target.connection("c1"), Json.createValue("for the connection")));
        done(switchboard.tell(Target.user("c1"), Json.createValue("for the user")));
        assertEquals(List.of("for the connection"), events(ann, "tell").stream().map(tell -> tell.getString("message")).toList());
        assertEquals(List.of("for the user"), events(impostor, "tell").stream().map(tell -> tell.getString("message")).toList());
    }

    @Test
    void subscribingAUserPutsEveryConnectionOfItsIntoTheRoomAndOutAgain() {
        Switchboard switchboard = service();
        done(switchboard.subscribe(Target.user("ann"), "ticket-17"));
        assertEquals(Set.of("ticket-17"), ann.rooms());
        assertEquals(Set.of("ticket-17"), annAgain.rooms());
        assertEquals(Set.of(), bob.rooms());
        assertEquals(2, switchboard.presence("ticket-17").orElseThrow().membersCount());
        assertEquals(Set.of("ticket-17"), switchboard.roomsOf("ann"));
        assertEquals(new Counts(3, 1, 2), switchboard.counts());
        assertEquals(2, reported.stream().filter(Joined.class::isInstance).count());
        done(switchboard.unsubscribe(Target.connection("c1"), "ticket-17"));
        assertEquals(Set.of(), ann.rooms());
        assertEquals(1, events(annAgain, "leave").size());
        SwitchboardFailure room = assertInstanceOf(SwitchboardFailure.class, failure(switchboard.subscribe(Target.room("x"), "y")));
        assertEquals(ErrorCode.BAD_PARAMS, room.code());
    }

    @Test
    void aDisconnectSaysWhyAndWhetherToComeBack() {
        Switchboard switchboard = service();
        done(switchboard.disconnect(Target.user("ann"), "moved to another desk", true));
        JsonObject end = events(ann, "end").get(0);
        assertEquals(true, end.getBoolean("reconnect"));
        assertEquals("moved to another desk", end.getString("reason"));
        assertEquals(1001, ann.closeCode());
        assertEquals(1001, annAgain.closeCode());
        done(switchboard.disconnect(Target.connection("c3"), null, false));
        assertEquals(1008, bob.closeCode());
    }

    @Test
    void whenTheClusterCannotTakeItNothingIsSentAndTheStageSaysUnavailable() {
        Switchboard switchboard = service();
        registry.join(ann, new RoomName("orders"));
        ann.take();
        bus.down = true;
        for (CompletionStage<?> stage : List.of(switchboard.publish("orders", JsonValue.TRUE), switchboard.tell(Target.user("ann"), JsonValue.TRUE),
                switchboard.emit(Target.room("orders"), "price", JsonValue.TRUE), switchboard.subscribe(Target.user("ann"), "x"))) {
            assertInstanceOf(ClusterUnavailableException.class, failure(stage));
        }
        assertEquals(List.of(), ann.frames());
    }

    @Test
    void textThatNoClientCouldBeSentIsRefused() {
        Switchboard switchboard = service();
        SwitchboardFailure refused = assertInstanceOf(SwitchboardFailure.class,
                failure(switchboard.publish("orders", Json.createValue("cut \ud83d"))));
        assertEquals(ErrorCode.BAD_PARAMS, refused.code());
        assertNotNull(refused.getMessage());
    }

    /** The local bus, until told to refuse. */
    static final class FailingBus implements ClusterBus {
        private final LocalClusterBus local = new LocalClusterBus();
        volatile boolean down;

        @Override
        public void publish(Envelope envelope) {
            if (down) {
                throw new ClusterUnavailableException("broker down", null);
            }
            local.publish(envelope);
        }

        @Override
        public void deliverTo(Consumer<Envelope> delivery) {
            local.deliverTo(delivery);
        }

        @Override
        public Link link() {
            return new Link("failing", !down, "");
        }
    }
}
