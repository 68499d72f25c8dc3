package dev.switchboard.bench;

import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Reply;
import dev.switchboard.protocol.RoomMember;
import dev.switchboard.protocol.RoomView;
import dev.switchboard.protocol.SayMessage;
import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What Switchboard's own JSON work costs per message, outside any server: decoding one call and
 * encoding the frames of the {@code rooms} and {@code reqrep} scenarios with the product's
 * {@link FrameCodec} (JSON-P to read; to write, JSON-P's generator for these frames and JSON-B for others), and the
 * same frames through JSON-B's default mapping. One thread, warmed up, five rounds.
 *
 * <pre>java -cp bench/generator/target/generator.jar:switchboard-cli/target/switchboard-cli.jar dev.switchboard.bench.CodecCost</pre>
 */
public final class CodecCost {

    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 200_000;

    private CodecCost() {
    }

    public static void main(String[] args) {
        try (FrameCodec codec = new FrameCodec()) {
            List<RoomMember> members = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                members.add(new RoomMember("c" + i + "-7f3a9e21", null, 1_763_900_000_000L + i));
            }
            Reply view = Reply.success(12_345, new RoomView("room-17", 10, members));
            Event say = Event.of(EventNames.SAY, new SayMessage("room-17", new Peer("c1-7f3a9e21", null),
                    Json.createObjectBuilder().add("t", 1_763_900_000_000_123L).add("text", "hello").build(),
                    "m-1-7f3a9e21", 1_763_900_000_000L));
            String roomViewCall = "{\"type\":\"method\",\"id\":12345,\"method\":\"roomView\",\"params\":{\"room\":\"room-17\"}}";
            String sayCall = "{\"type\":\"method\",\"method\":\"say\",\"params\":{\"room\":\"room-17\","
                    + "\"message\":{\"t\":1763900000000123,\"text\":\"hello\"}}}";
            System.out.println("operation\tµs per operation, rounds 1.." + ROUNDS + " of " + PER_ROUND);
            report("decode a roomView call", () -> codec.decodeCall(roomViewCall));
            report("decode a say call", () -> codec.decodeCall(sayCall));
            report("encode a roomView reply (10 members)", () -> codec.encode(view));
            report("encode a say event", () -> codec.encode(say));
            // what the codec did before FrameWriter (issue 23): the same text, by reflection
            Jsonb defaultMapping = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
            report("encode a roomView reply (10 members), JSON-B's default mapping", () -> defaultMapping.toJson(view));
            report("encode a say event, JSON-B's default mapping", () -> defaultMapping.toJson(say));
            try {
                defaultMapping.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close JSON-B", e);
            }
        }
    }

    private static void report(String what, Supplier<Object> operation) {
        StringBuilder line = new StringBuilder(what);
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink += operation.get().hashCode();
            }
            line.append('\t').append(String.format("%.2f", (System.nanoTime() - start) / 1_000.0 / PER_ROUND));
        }
        System.out.println(line + (sink == 42 ? " " : ""));
    }
}
