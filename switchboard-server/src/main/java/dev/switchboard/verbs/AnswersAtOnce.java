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

    /**
     * It reads a room under the room's lock and asks the room's rules ({@code roomView}, {@code history}): at once only
     * where the application has no {@code RoomPolicy} (which may run, and wait, under that lock) and no {@code RoomRules}
     * of its own; elsewhere it is handed off like any call that may wait.
     */
    boolean unlessRoomCode() default false;
}
