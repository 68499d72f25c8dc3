package dev.switchboard.verbs;

import dev.switchboard.config.LimitSettings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.security.Refusals;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the text frames of one connection, in the order the checks cost: the size first, then the rate
 * (a frame without a token is refused unparsed, so a flood of broken or huge-but-legal frames costs a
 * token-bucket check each), then the JSON through {@link FrameCodec#decodeCall}. One per connection, used by
 * one thread at a time (the container hands a session's frames over one after the other).
 */
public final class InboundReader {

    private final FrameCodec codec;
    private final int maxFrameBytes;
    private final FrameBudget budget;
    private final Consumer<Refusals.Kind> refused;

    /** @param refused counts a refused or flooding frame ({@link Refusals#count}) */
    public InboundReader(FrameCodec codec, LimitSettings limits, Consumer<Refusals.Kind> refused) {
        this.codec = codec;
        this.maxFrameBytes = limits.maxFrameBytes();
        this.budget = new FrameBudget(limits.framesPerSecond(), limits.burst(), limits.closeAfterRefused(), System::nanoTime);
        this.refused = refused;
    }

    /** What one text frame is: a call, or why it is none. */
    public Inbound read(String text) {
        if (tooLarge(text)) {
            return new Inbound.TooLarge(maxFrameBytes);
        }
        Caller.Admission admission = budget.take();
        if (admission != Caller.Admission.ADMIT) {
            refused.accept(admission == Caller.Admission.CLOSE ? Refusals.Kind.FLOODING : Refusals.Kind.RATE_LIMITED);
            return new Inbound.OverRate(admission);
        }
        try {
            return new Inbound.Decoded(codec.decodeCall(text), text.length());
        } catch (FrameException e) {
            return new Inbound.Malformed(e);
        }
    }

    private boolean tooLarge(String text) {
        // a char is at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 chars)
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return false;
        }
        return text.length() > maxFrameBytes || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes;
    }
}
