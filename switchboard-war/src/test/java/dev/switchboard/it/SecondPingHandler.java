package dev.switchboard.it;

import dev.switchboard.verbs.Caller;
import dev.switchboard.verbs.Handles;
import dev.switchboard.verbs.Params;
import dev.switchboard.verbs.VerbHandler;
import jakarta.enterprise.context.Dependent;

/** Claims {@code ping}, which {@code PingHandler} already answers: {@link DuplicateMethodIT} deploys it. */
@Dependent
@Handles("ping")
public class SecondPingHandler implements VerbHandler {
    @Override
    public Object handle(Caller caller, Params params) {
        return null;
    }
}
