package dev.switchboard.verbs;

import dev.switchboard.protocol.QuitResult;
import jakarta.enterprise.context.Dependent;
import jakarta.websocket.CloseReason.CloseCodes;

/** {@code quit} (the seeds' {@code exit} too): replies, then closes the connection normally (1000); the rooms see it leave. */
@Dependent
@AnswersAtOnce
@Handles({"quit", "exit"})
public class QuitHandler implements VerbHandler {

    @Override
    public Closing handle(Caller caller, Params params) {
        return new Closing(new QuitResult(true), CloseCodes.NORMAL_CLOSURE.getCode(), "quit");
    }
}
