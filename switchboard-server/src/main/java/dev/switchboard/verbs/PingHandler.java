package dev.switchboard.verbs;

import dev.switchboard.protocol.Pong;
import jakarta.enterprise.context.Dependent;

/** {@code ping}: answers with the server's clock; a client's keep-alive. */
@Dependent
@AnswersAtOnce
@Handles("ping")
public class PingHandler implements VerbHandler {

    @Override
    public Pong handle(Caller caller, Params params) {
        return new Pong(System.currentTimeMillis());
    }
}
