package dev.switchboard.verbs;

import dev.switchboard.protocol.Details;
import jakarta.enterprise.context.Dependent;

/** {@code detailsView}: what the server knows of the calling connection. */
@Dependent
@AnswersAtOnce
@Handles("detailsView")
public class DetailsViewHandler implements VerbHandler {

    @Override
    public Details handle(Caller caller, Params params) {
        return caller.details();
    }
}
