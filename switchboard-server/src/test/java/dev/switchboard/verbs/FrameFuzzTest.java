package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.LimitSettings;
import dev.switchboard.config.Settings;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames against the decoder and the dispatcher ({@link RandomFrames}, seeded): whatever
 * comes, the decoder answers with a frame or a {@link FrameException} (never anything else), and the
 * dispatcher answers every frame with at most one reply, never {@code INTERNAL}, never a close for a server
 * error. 40,000 cases per property, 120,000 in all, in a few seconds; each prints how many ran.
 *
 * <p>{@code -Dfuzz.seed=N} replays another seed (a failure names the seed and the case), {@code -Dfuzz.cases=N}
 * runs more cases per property.
 */
class FrameFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 40_000);

    private final FrameCodec codec = new FrameCodec();
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("fuzz"), Clock.systemUTC());
    private final Dispatcher dispatcher = new Dispatcher(withoutQuit(TestHandlers.all(registry, codec)), codec,
            Settings.of(Map.of()).auth());
    private final LimitSettings limits = Settings.of(Map.of("switchboard.maxFrameBytes", "4096")).limits();

    private static Map<String, VerbHandler> withoutQuit(Map<String, VerbHandler> handlers) {
        Map<String, VerbHandler> kept = new HashMap<>(handlers);
        kept.remove("quit"); // quit closes with 1000 by design; everything else must leave the connection open
        return kept;
    }

    /** Runs the property on {@link #CASES} generated cases; the first failure names its seed and case. */
    private static void forAll(String property, Function<RandomFrames, String> generator, Consumer<String> check) {
        RandomFrames frames = new RandomFrames(SEED);
        for (int i = 0; i < CASES; i++) {
            String text = generator.apply(frames);
            try {
                check.accept(text);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed at case " + i + " of seed " + SEED + " (-Dfuzz.seed="
                        + SEED + "): " + quoted(text), e);
            }
        }
        System.out.printf("FrameFuzzTest %s: %,d cases passed (seed %d)%n", property, CASES, SEED);
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.chars().forEach(c -> quoted.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return quoted.append('"').toString();
    }

    @Test
    void decodingGivesAFrameOrAFrameExceptionForAnyText() {
        forAll("decoding any text", RandomFrames::anyText, this::decodes);
    }

    @Test
    void decodingGivesAFrameOrAFrameExceptionForMutatedFrames() {
        forAll("decoding mutated frames", RandomFrames::mutated, this::decodes);
    }

    @Test
    void theDispatcherAnswersEveryMutatedFrameWithoutAServerError() {
        forAll("dispatching mutated frames", RandomFrames::mutated, this::dispatches);
    }

    private void decodes(String text) {
        try {
            Frame frame = codec.decode(text);
            assertEquals(frame.type(), frame.type().strip());
        } catch (FrameException expected) {
            assertTrue(expected.failure().message() != null && !expected.failure().message().isEmpty());
        }
    }

    private void dispatches(String text) {
        RecordingCaller caller = new RecordingCaller("fuzz");
        caller.authenticate(new Identity("fuzzer", Set.of()));
        InboundReader reader = new InboundReader(codec, limits, kind -> { }); // one per connection, as the endpoint's decoder
        dispatcher.dispatch(caller, reader.read(text));
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
        caller.rooms().forEach(room -> registry.leave(caller, new RoomName(room)));
    }
}
