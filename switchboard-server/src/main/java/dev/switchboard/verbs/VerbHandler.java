package dev.switchboard.verbs;

/**
 * Answers one method. A handler is a small CDI bean annotated with {@link Handles}; it gets the calling
 * connection and its params, and returns the reply data (a record, or {@code null}) or throws a
 * {@link CallException}. It never sends by itself and never catches its own failures.
 */
public interface VerbHandler {

    /**
     * @return the reply data; a {@link Closing} to reply and then close the connection
     */
    Object handle(Caller caller, Params params);
}
