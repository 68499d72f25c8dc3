package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.ConfiguredRoomPolicy;
import dev.switchboard.rooms.PolicyRefusal;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomPolicy;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A policy's decision and the join it allows are one step: concurrent joins never overshoot a cap. */
class JoinRaceTest {

    private static final int RACERS = 12;

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final RoomName room = new RoomName("capped");
    private final ExecutorService threads = Executors.newFixedThreadPool(RACERS);

    @AfterEach
    void close() {
        threads.shutdownNow();
        codec.close();
    }

    /**
     * An application policy that lets every racer reach it before any decides (as long as they can reach it
     * together): without the room's lock around the policies, all of them count the room one below its cap.
     */
    private static final class EveryoneArrives implements RoomPolicy {
        private final CountDownLatch arrived = new CountDownLatch(RACERS);

        @Override
        public void join(JoinRequest request) {
            arrived.countDown();
            try {
                arrived.await(100, TimeUnit.MILLISECONDS); // bounded: under the room's lock they come one at a time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void racingJoinsAtARoomOneBelowItsCapAdmitExactlyOne() throws Exception {
        RoomPolicies policies = new RoomPolicies(List.of(
                new ConfiguredRoomPolicy(Settings.of(Map.of("switchboard.rooms.maxMembers", "5")).rooms()), new EveryoneArrives()));
        RoomAddHandler roomAdd = new RoomAddHandler(registry, policies, dev.switchboard.rooms.RoomPermissions.open());
        for (int i = 0; i < 4; i++) {
            registry.join(new RecordingCaller("early-" + i), room); // one below the cap of 5
        }
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            RecordingCaller caller = new RecordingCaller("racer-" + i);
            racers.add(threads.submit(() -> {
                try {
                    roomAdd.handle(caller, new Params(Json.createObjectBuilder().add("room", room.value()).build()));
                } catch (PolicyRefusal full) {
                    assertTrue(full.getMessage().contains("full"), full.getMessage());
                    refused.incrementAndGet();
                }
            }));
        }
        for (Future<?> racer : racers) {
            racer.get(60, TimeUnit.SECONDS);
        }
        assertEquals(5, registry.membersCount(room), "the cap holds");
        assertEquals(RACERS - 1, refused.get(), "one racer got the last place");
    }
}
