package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated frames against the decoder and the dispatcher: whatever comes, the decoder answers
 * with a frame or a {@link FrameException} (never anything else), and the dispatcher answers every
 * frame with at most one reply, never {@code INTERNAL}, never a close for a server error. 120,000 cases
 * in all; a run takes seconds.
 */
class FuzzProperties {

    private static final List<String> VALID = List.of(
            "{\"type\":\"method\",\"id\":1,\"method\":\"ping\"}",
            "{\"type\":\"method\",\"id\":2,\"method\":\"roomAdd\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"method\",\"id\":3,\"method\":\"say\",\"params\":{\"room\":\"lobby\",\"message\":{\"text\":\"hi\",\"n\":[1,2.5,true,null]}}}",
            "{\"type\":\"method\",\"id\":4,\"method\":\"tell\",\"params\":{\"to\":\"x\",\"message\":\"hey\"}}",
            "{\"type\":\"method\",\"id\":5,\"method\":\"roomView\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"method\",\"id\":6,\"method\":\"roomChange\",\"params\":{\"room\":\"other\"}}",
            "{\"type\":\"method\",\"id\":7,\"method\":\"detailsView\"}",
            "{\"type\":\"method\",\"method\":\"roomLeave\",\"params\":{\"room\":\"lobby\"}}",
            "{\"type\":\"reply\",\"id\":8,\"error\":null,\"data\":{}}",
            "{\"type\":\"event\",\"event\":\"say\",\"data\":[]}");

    private static final List<String> PIECES = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "\u0000",
            "null", "true", "-0", "1e999", "9223372036854775808", "-9223372036854775809", "0.5", "\"id\"", "\"type\"",
            "\"method\"", "\"params\"", "\"room\"", "\"message\"", "\"quit\"", "\uD800", "\uDFFF", "😀", "\u202E",
            "../", "%00", " ", "\n", "x".repeat(300));

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("fuzz"), Clock.systemUTC());
    private final Dispatcher dispatcher = new Dispatcher(withoutQuit(TestHandlers.all(registry, codec)), codec,
            Settings.of(Map.of("switchboard.maxFrameBytes", "4096")));

    private static Map<String, VerbHandler> withoutQuit(Map<String, VerbHandler> handlers) {
        Map<String, VerbHandler> kept = new java.util.HashMap<>(handlers);
        kept.remove("quit"); // quit closes with 1000 by design; everything else must leave the connection open
        return kept;
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> valid = Arbitraries.of(VALID);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 400);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(5));
        Arbitrary<Integer> operation = Arbitraries.integers().between(0, 3);
        return Combinators.combine(valid, position, piece, operation).as((frame, at, insert, op) -> {
            int i = Math.min(at, frame.length());
            return switch (op) {
                case 0 -> frame.substring(0, i) + insert + frame.substring(i);                      // insert
                case 1 -> frame.substring(0, i) + frame.substring(Math.min(frame.length(), i + insert.length())); // delete
                case 2 -> frame.substring(0, i) + insert + frame.substring(Math.min(frame.length(), i + 1)); // replace
                default -> frame.substring(0, i);                                                      // truncate
            };
        });
    }

    @Property(tries = 40_000)
    void decodingGivesAFrameOrAFrameExceptionForAnyText(@ForAll String text) {
        decodes(text);
    }

    @Property(tries = 40_000)
    void decodingGivesAFrameOrAFrameExceptionForMutatedFrames(@ForAll("mutated") String text) {
        decodes(text);
    }

    @Property(tries = 40_000)
    void theDispatcherAnswersEveryMutatedFrameWithoutAServerError(@ForAll("mutated") String text) {
        RecordingCaller caller = new RecordingCaller("fuzz");
        caller.authenticate(new Identity("fuzzer", Set.of()));
        dispatcher.dispatch(caller, text);
        List<String> frames = caller.take();
        assertTrue(frames.size() <= 2, () -> text + " → " + frames); // a reply, or a reply and a join event
        for (String frame : frames) {
            JsonObject sent = (JsonObject) codec.parse(frame);
            JsonValue error = sent.get("error") != null ? sent.get("error") : sent.get("data");
            if (error instanceof JsonObject object && object.containsKey("code")) {
                assertNotEquals("INTERNAL", object.getString("code"), () -> text + " → " + frame);
            }
        }
        assertTrue(caller.closeCode() == 0 || caller.closeCode() == 1009, () -> text + " closed " + caller.closeCode());
        caller.rooms().forEach(room -> registry.leave(caller, new dev.switchboard.rooms.RoomName(room)));
    }

    private void decodes(String text) {
        try {
            Frame frame = codec.decode(text);
            assertEquals(frame.type(), frame.type().strip());
        } catch (FrameException expected) {
            assertTrue(expected.failure().message() != null && !expected.failure().message().isEmpty());
        }
    }
}
