package dev.switchboard.verbs;

import dev.switchboard.actions.Actions;
import dev.switchboard.protocol.Documentation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code documentation}: every action with its description and params (actionhero's verb). */
@ApplicationScoped
@AnswersAtOnce
@Handles("documentation")
public class DocumentationHandler implements VerbHandler {

    private Actions actions;

    /** For the container's proxy. */
    protected DocumentationHandler() {
    }

    @Inject
    public DocumentationHandler(Actions actions) {
        this.actions = actions;
    }

    @Override
    public Documentation handle(Caller caller, Params params) {
        return new Documentation(actions.all());
    }
}
