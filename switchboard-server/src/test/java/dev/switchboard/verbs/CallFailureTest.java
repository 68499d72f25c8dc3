package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Failure;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.rooms.PolicyRefusal;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** One failure type, one mapping: what each kind of failure answers, and the close that follows. */
class CallFailureTest {

    @Test
    void everySwitchboardFailureAnswersItsCodeAndClosesOnlyWhenItSaysSo() {
        assertEquals(new CallFailure(new Failure(ErrorCode.FORBIDDEN, "no"), 0, null, null),
                CallFailure.of(new PolicyRefusal(ErrorCode.FORBIDDEN, "no")));
        assertEquals(new CallFailure(new Failure(ErrorCode.BAD_FRAME, "expected an object"), 0, null, null),
                CallFailure.refusal(new FrameException("expected an object", 7L)));
        assertEquals(new CallFailure(new Failure(ErrorCode.UNAUTHORIZED, "too many"), 1008, "too many", null),
                CallFailure.of(new CallException(ErrorCode.UNAUTHORIZED, "too many", 1008)));
    }

    @Test
    void aClusterOutageTellsTheCallerToTryAgainNotWhatTheBrokerSaid() {
        CallFailure answer = CallFailure.of(new ClusterUnavailableException("AMQ219010: connection refused at 10.0.0.7", null));
        assertEquals(new Failure(ErrorCode.UNAVAILABLE, "the cluster is unavailable; try again"), answer.failure());
        assertEquals(0, answer.closeCode());
        assertNull(answer.bug());
    }

    @Test
    void theSameFailureLaterHasTheSameAnswerAndAnythingElseIsABug() throws Exception {
        PolicyRefusal refusal = new PolicyRefusal(ErrorCode.FORBIDDEN, "full");
        assertEquals(CallFailure.of(refusal), CallFailure.of(new CompletionException(refusal)));
        assertEquals(CallFailure.of(refusal), CallFailure.of(new ExecutionException(new CompletionException(refusal))));
        IllegalStateException bug = new IllegalStateException("oops");
        CallFailure internal = CallFailure.of(new CompletionException(bug));
        assertEquals(new Failure(ErrorCode.INTERNAL, CallFailure.INTERNAL_MESSAGE), internal.failure());
        assertEquals(1011, internal.closeCode());
        assertSame(bug, internal.bug());
    }

    @Test
    void aFrameExceptionFromAHandlerIsOurBugButFromTheDecoderTheClientsMistake() {
        FrameException stored = new FrameException("not valid JSON", null);
        CallFailure fromHandler = CallFailure.of(stored);
        assertEquals(ErrorCode.INTERNAL, fromHandler.failure().code());
        assertEquals(1011, fromHandler.closeCode());
        assertSame(stored, fromHandler.bug());
        assertEquals(new CallFailure(new Failure(ErrorCode.BAD_FRAME, "not valid JSON"), 0, null, null), CallFailure.refusal(stored));
    }
}
