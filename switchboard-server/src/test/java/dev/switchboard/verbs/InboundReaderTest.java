package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.switchboard.config.LimitSettings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.security.Refusals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundReaderTest {

    private final FrameCodec codec = new FrameCodec();

    @AfterEach
    void close() {
        codec.close();
    }

    @Test
    void framesOverTheRateAreRefusedAndSustainedFloodingCloses() {
        long[] now = {0};
        FrameBudget budget = new FrameBudget(10, 5, 3, () -> now[0]);
        for (int i = 0; i < 5; i++) {
            assertEquals(Caller.Admission.ADMIT, budget.take(), "the burst");
        }
        assertEquals(Caller.Admission.REFUSE, budget.take());
        now[0] += 100_000_000L; // a tenth of a second: one more token
        assertEquals(Caller.Admission.ADMIT, budget.take());
        assertEquals(Caller.Admission.REFUSE, budget.take());
        assertEquals(Caller.Admission.CLOSE, budget.take(), "the third refusal within 10 s");
        now[0] += 11_000_000_000L; // a new window, a full bucket
        assertEquals(Caller.Admission.ADMIT, budget.take());
    }

    @Test
    void theSizeComesFirstThenTheRateThenTheJson() {
        List<Refusals.Kind> refused = new ArrayList<>();
        InboundReader reader = new InboundReader(codec, new LimitSettings(100, 10, 1000, 1, 2, 2, 10), refused::add);
        assertEquals(new Inbound.TooLarge(100), reader.read("x".repeat(101)), "too large, and no token taken");
        assertInstanceOf(Inbound.Decoded.class, reader.read("{\"type\":\"method\",\"method\":\"ping\"}"));
        Inbound.Malformed malformed = assertInstanceOf(Inbound.Malformed.class, reader.read("{\"type\":\"method\",\"id\":3}"));
        assertEquals(3L, malformed.failure().id(), "the id of a frame that was read");
        assertEquals(new Inbound.OverRate(Caller.Admission.REFUSE), reader.read("not even json"));
        assertEquals(new Inbound.OverRate(Caller.Admission.CLOSE), reader.read("not even json"));
        assertEquals(List.of(Refusals.Kind.RATE_LIMITED, Refusals.Kind.FLOODING), refused);
    }
}
