package dev.switchboard.verbs;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.FrameException;

/**
 * One text frame of a connection as its reader ({@link InboundReader}, inside the endpoint's decoder) left it
 * for the {@link Dispatcher}: a call, or why the frame is not one. A refusal is a value, not a
 * {@code DecodeException}: the containers answer that exception on another turn of the session's executor
 * (Undertow), which could put its answer behind the reply to a later frame.
 */
public sealed interface Inbound {

    /** The characters of the frame this holds on to while it waits its turn (a call's parsed params); 0 for a refusal. */
    default int chars() {
        return 0;
    }

    /** A well-formed call, read from a frame of {@code chars} characters. */
    record Decoded(Call call, int chars) implements Inbound {
    }

    /** Not a call of protocol v1: {@code BAD_FRAME}, as a reply when the id could be read. */
    record Malformed(FrameException failure) implements Inbound {
    }

    /** Over {@code switchboard.maxFrameBytes}: {@code TOO_LARGE}, then a close with 1009. */
    record TooLarge(int maxBytes) implements Inbound {
    }

    /** Over the connection's rate: not parsed at all; {@code RATE_LIMITED}, or a close with 1008 for flooding. */
    record OverRate(Caller.Admission admission) implements Inbound {
    }
}
