package dev.switchboard.rooms;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.SayMessage;
import jakarta.json.Json;
import java.time.Clock;
import java.util.Map;

/**
 * The benchmark of room history (not a test: a program, run by hand, that prints figures): what one
 * room message costs on a node — its position put into the frame, the frame kept — with the default
 * history and with none, and what a kept message holds in memory.
 *
 * <pre>
 * mvn -q -pl switchboard-server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp switchboard-server/target/test-classes:switchboard-server/target/classes:$(cat switchboard-server/target/test.classpath) dev.switchboard.rooms.HistoryCost
 * </pre>
 */
public final class HistoryCost {

    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 100_000;

    private HistoryCost() {
    }

    public static void main(String[] args) {
        try (FrameCodec codec = new FrameCodec()) {
            String frame = codec.encode(Event.of(EventNames.SAY, new SayMessage("room-17", new Peer("c1-7f3a9e21", "ann"),
                    Json.createObjectBuilder().add("t", 1_763_900_000_000_123L).add("text", "hello").build(),
                    "m-1-7f3a9e21", 1_763_900_000_000L)));
            System.out.println("µs per room message, rounds 1.." + ROUNDS + " of " + PER_ROUND + " (" + frame.length()
                    + "-character say event, no local members)");
            report("history of 100 (default)", cost(codec, Map.of(), frame));
            report("no history (position only)", cost(codec, Map.of("switchboard.history.messages", "0"), frame));
            memory(codec, frame);
        }
    }

    private static double[] cost(FrameCodec codec, Map<String, String> settings, String frame) {
        RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("bench"), Clock.systemUTC(),
                RoomRegistry.NO_CONNECTIONS, Settings.of(settings));
        RoomName room = new RoomName("room-17");
        double[] rounds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                registry.publish(room, frame);
            }
            rounds[round] = (System.nanoTime() - start) / 1_000.0 / PER_ROUND;
        }
        return rounds;
    }

    private static void memory(FrameCodec codec, String frame) {
        Runtime runtime = Runtime.getRuntime();
        RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("bench"), Clock.systemUTC(),
                RoomRegistry.NO_CONNECTIONS, Settings.of(Map.of()));
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        int rooms = 1_000;
        for (int r = 0; r < rooms; r++) {
            RoomName room = new RoomName("room-" + r);
            for (int i = 0; i < 100; i++) {
                registry.publish(room, frame);
            }
        }
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("memory: %d rooms x 100 kept messages: %.0f bytes per kept message (heap after a full GC)%n",
                rooms, (after - before) / (rooms * 100.0));
        registry.roomCount(); // keeps the registry reachable until here
    }

    private static void report(String what, double[] rounds) {
        StringBuilder line = new StringBuilder(what);
        for (double round : rounds) {
            line.append('\t').append(String.format("%.2f", round));
        }
        System.out.println(line);
    }
}
