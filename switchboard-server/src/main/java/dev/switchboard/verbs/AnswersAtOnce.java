package dev.switchboard.verbs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link VerbHandler} that answers from what the node holds in memory and never waits — for the broker, a disk, a
 * provider, a lock held by others for long, or the application's code — so that it may run on the container's I/O
 * thread, which serves many connections. Every other method is handed to a thread of its own when it arrives there
 * ({@link Dispatcher#answersAtOnce}; docs/architecture.md, "Which thread answers a call"). An action qualifies: it
 * only hands the application's handler to the managed executor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AnswersAtOnce {
}
