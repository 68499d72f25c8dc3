package dev.switchboard.actions;

/**
 * The body of an {@link Action}. It runs on a managed thread of the server, never on the connection's
 * own; at most {@code switchboard.actions.maxPending} run at once per connection.
 */
public interface ActionHandler {

    /**
     * @return the reply data (encoded with JSON-B), or a {@link java.util.concurrent.CompletionStage} of it
     * @throws ActionFailedException to answer {@code ACTION_FAILED} with its message; any other exception
     *         is logged and answered {@code ACTION_FAILED} without details
     */
    Object run(ActionCall call) throws Exception;
}
