package dev.switchboard.verbs;

import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Failure;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.SwitchboardFailure;
import dev.switchboard.rooms.PolicyRefusal;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed call becomes on the wire: the one mapping from a failure to an error code and a close
 * code, for a handler that throws and for one whose {@link java.util.concurrent.CompletionStage} fails
 * later (actions), so that the same failure never has two answers.
 *
 * <ul>
 *   <li>a {@link SwitchboardFailure} — a {@link CallException}, a {@link PolicyRefusal}, a
 *       {@link ClusterUnavailableException}, the decoder's {@code FrameException} for the client's frame — answers
 *       its {@link SwitchboardFailure#failure()}, and the connection closes only when its close code says so;</li>
 *   <li>a {@code FrameException} thrown by a handler is a bug of ours (the client's frame decoded already);</li>
 *   <li>anything else is a server bug: {@code INTERNAL}, logged once, and the connection closes with 1011.</li>
 * </ul>
 *
 * @param failure the code and message the caller gets
 * @param closeCode the close code that follows the answer, 0 when the connection stays open
 * @param closeReason the reason of that close, {@code null} when it stays open
 * @param bug the failure to log when it is a server bug, else {@code null}
 */
record CallFailure(Failure failure, int closeCode, String closeReason, Throwable bug) {

    static final String INTERNAL_MESSAGE = "internal server error; the connection is closed";

    /**
     * A handler's failure (thrown, or its future's). A {@code FrameException} here is no client's mistake — the
     * client's frame was decoded before the handler ran — but ours (a stored frame that does not parse): a bug.
     */
    static CallFailure of(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof SwitchboardFailure failure && !(cause instanceof FrameException)) {
            return refusal(failure);
        }
        return new CallFailure(new Failure(ErrorCode.INTERNAL, INTERNAL_MESSAGE),
                CloseCodes.UNEXPECTED_CONDITION.getCode(), "internal server error", cause);
    }

    /** A refusal: its code and message, and the close its close code asks for. */
    static CallFailure refusal(SwitchboardFailure failure) {
        return new CallFailure(failure.failure(), failure.closeCode(), failure.closeCode() == 0 ? null : failure.getMessage(), null);
    }

    /** The failure inside the wrappers of {@code CompletableFuture} and {@code Future}. */
    static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
