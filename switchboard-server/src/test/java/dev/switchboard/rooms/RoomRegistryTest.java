package dev.switchboard.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final RoomName lobby = new RoomName("lobby");

    @AfterEach
    void close() {
        codec.close();
    }

    private String event(String frame) {
        return ((JsonObject) codec.parse(frame)).getString("event");
    }

    @Test
    void aJoinIsSeenByEveryMemberIncludingTheNewOne() {
        RecordingCaller a = new RecordingCaller("a");
        RecordingCaller b = new RecordingCaller("b");
        registry.join(a, lobby);
        registry.join(b, lobby);
        assertEquals(List.of("join", "join"), a.frames().stream().map(this::event).toList());
        assertEquals(List.of("join"), b.frames().stream().map(this::event).toList());
        assertEquals(2, registry.view(lobby).orElseThrow().membersCount());
    }

    @Test
    void joiningTwiceChangesNothing() {
        RecordingCaller a = new RecordingCaller("a");
        assertTrue(registry.join(a, lobby).joined());
        assertFalse(registry.join(a, lobby).joined());
        assertEquals(1, a.frames().size());
    }

    @Test
    void aLeaveIsSeenByTheOthersAndTheLastOneOutRemovesTheRoom() {
        RecordingCaller a = new RecordingCaller("a");
        RecordingCaller b = new RecordingCaller("b");
        registry.join(a, lobby);
        registry.join(b, lobby);
        a.take();
        assertTrue(registry.leave(b, lobby));
        assertEquals(List.of("leave"), a.take().stream().map(this::event).toList());
        assertTrue(b.rooms().isEmpty());
        registry.leaveAll(a);
        assertTrue(registry.view(lobby).isEmpty());
        assertEquals(0, registry.roomCount());
        assertFalse(registry.leave(a, lobby));
    }

    private String say(String message) {
        return codec.encode(dev.switchboard.protocol.Event.of("say", new dev.switchboard.protocol.SayMessage("lobby",
                dev.switchboard.protocol.Peer.application(null), jakarta.json.Json.createValue(message), message, 0)));
    }

    private List<String> messages(RecordingCaller member) {
        return member.take().stream().map(frame -> (JsonObject) codec.parse(frame)).filter(frame -> "say".equals(frame.getString("event")))
                .map(frame -> frame.getJsonObject("data").getString("message")).toList();
    }

    @Test
    void aMemberThatJoinsAgainWithSinceGetsWhatCameBeforeItJoinedAndNothingTwice() {
        RecordingCaller speaker = new RecordingCaller("speaker");
        registry.join(speaker, lobby);
        registry.publish(lobby, say("m1"));
        dev.switchboard.protocol.Position seen = new dev.switchboard.protocol.Position(
                ((JsonObject) codec.parse(registry.history(lobby, 1).get(0))).getJsonObject("data").getJsonObject("position").getString("epoch"),
                ((JsonObject) codec.parse(registry.history(lobby, 1).get(0))).getJsonObject("data").getJsonObject("position")
                        .getJsonNumber("offset").longValue());
        registry.publish(lobby, say("m2"));
        RecordingCaller back = new RecordingCaller("back"); // it saw m1 on its last connection; the server put it in the room again
        registry.join(back, lobby);
        registry.publish(lobby, say("m3"));
        assertEquals(List.of("m3"), messages(back), "live since its join");
        JoinOutcome again = registry.join(back, lobby, seen, null); // its client re-joins from what it saw
        assertFalse(again.joined());
        assertEquals(Boolean.TRUE, again.recovered());
        assertEquals(List.of("m2"), messages(back), "what came after m1 and before its join, once");
    }

    @Test
    void concurrentPublishersGiveEveryMemberTheSameOrder() throws InterruptedException {
        List<RecordingCaller> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingCaller member = new RecordingCaller("m" + i);
            registry.join(member, lobby);
            members.add(member);
        }
        members.forEach(RecordingCaller::take);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int p = 0; p < 4; p++) {
            int publisher = p;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    registry.publish(lobby, "p" + publisher + "-" + i);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        List<String> first = members.get(0).frames();
        assertEquals(2000, first.size());
        for (RecordingCaller member : members) {
            assertEquals(first, member.frames(), member.id());
        }
    }

    /** A member whose connection closes at the worst moment of a join: after the join found it open. */
    static final class ClosesDuringJoin implements Member {
        private final Runnable close;
        private volatile boolean closing;
        private final java.util.Set<String> rooms = new java.util.concurrent.ConcurrentSkipListSet<>() {
            private boolean closedOnce;

            @Override
            public boolean add(String room) {
                if (!closedOnce) { // the join is past its checks and is about to note the room: close now
                    closedOnce = true;
                    closing = true;
                    Thread closer = new Thread(close, "closer");
                    closer.start();
                    try {
                        closer.join(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.add(room);
            }
        };

        ClosesDuringJoin(java.util.function.Consumer<Member> close) {
            this.close = () -> close.accept(this);
        }

        @Override
        public String id() {
            return "closing";
        }

        @Override
        public String user() {
            return null;
        }

        @Override
        public java.util.Set<String> rooms() {
            return rooms;
        }

        @Override
        public boolean closing() {
            return closing;
        }

        @Override
        public void offer(String frame) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void closeAfterQueued(int closeCode, String reason) {
        }
    }

    @Test
    void aConnectionWhoseCloseRacesItsJoinEndsUpInNoRoom() {
        RecordingCaller observer = new RecordingCaller("observer");
        registry.join(observer, lobby);
        ClosesDuringJoin member = new ClosesDuringJoin(registry::disconnected); // leaves its rooms, as a close does
        registry.join(member, lobby);
        assertEquals(java.util.Set.of(), member.rooms());
        assertEquals(1, registry.membersCount(lobby), "only the observer");
        assertEquals(List.of("observer"), registry.view(lobby).orElseThrow().members().stream()
                .map(dev.switchboard.protocol.RoomMember::id).toList());
        assertFalse(registry.join(member, new RoomName("later")).joined(), "a closed connection joins nothing");
        assertEquals(1, registry.roomCount(), "and leaves no empty room behind");
    }

    @Test
    void aJoinThatArrivesAfterItsConnectionsCloseBringsNoGhostBack() {
        RemoteNodes remote = new RemoteNodes();
        remote.connected("n2", new NodeState.Connection("c1", "ann"), 0);
        remote.disconnected("n2", "c1", 1);
        remote.joined("n2", new NodeState.Membership("lobby", "c1", "ann", 0), 2); // published before the close, delivered after
        assertEquals(List.of(), remote.members("lobby"));
        assertEquals(0, remote.count("lobby"));
        remote.connected("n2", new NodeState.Connection("c1", "ann"), 3);
        assertFalse(remote.hasConnection("c1"));
    }
}
