package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class LaneTest {

    /** An executor that runs nothing until the test says so, one task at a time. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runNext() {
            tasks.remove().run();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                runNext();
            }
        }
    }

    private final HeldExecutor executor = new HeldExecutor();
    private final List<String> ran = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private Runnable event(String name) {
        return () -> {
            ran.add(name);
            threads.add(Thread.currentThread());
        };
    }

    @Test
    void anEventThatMayRunHereRunsAtOnceOnTheCallersThreadWhenNothingWaits() {
        Lane lane = new Lane(executor, 10);

        assertTrue(lane.offer(event("ping"), true));

        assertEquals(List.of("ping"), ran);
        assertSame(Thread.currentThread(), threads.get(0));
        assertTrue(executor.tasks.isEmpty());
        assertFalse(lane.busy());
    }

    @Test
    void anEventThatMayWaitGoesToTheExecutor() {
        Lane lane = new Lane(executor, 10);

        assertTrue(lane.offer(event("say"), false));

        assertEquals(List.of(), ran);
        assertTrue(lane.busy());
        executor.runAll();
        assertEquals(List.of("say"), ran);
        assertFalse(lane.busy());
    }

    @Test
    void nothingOvertakesAnEventThatWaits() {
        Lane lane = new Lane(executor, 10);

        lane.offer(event("say"), false);
        lane.offer(event("ping"), true);
        lane.offer(event("roomAdd"), false);
        lane.offer(event("roomView"), true);

        assertEquals(List.of(), ran, "the ping must not answer before the say that came first");
        assertEquals(1, executor.tasks.size(), "one turn on the executor at a time");
        executor.runAll();
        assertEquals(List.of("say", "ping", "roomAdd", "roomView"), ran);
        assertFalse(lane.busy());
        lane.offer(event("ping again"), true);
        assertEquals("ping again", ran.get(4));
        assertSame(Thread.currentThread(), threads.get(4));
    }

    @Test
    void aTurnRunsAtMostItsShareThenLetsOthersGoFirst() {
        Lane lane = new Lane(executor, 1000);
        for (int i = 0; i < Lane.TURN + 5; i++) {
            lane.offer(event("say " + i), false);
        }

        executor.runNext();

        assertEquals(Lane.TURN, ran.size());
        assertEquals(1, executor.tasks.size(), "the rest waits for its next turn");
        executor.runNext();
        assertEquals(Lane.TURN + 5, ran.size());
        assertEquals("say " + (Lane.TURN + 4), ran.get(ran.size() - 1));
        assertFalse(lane.busy());
    }

    @Test
    void beyondItsBoundAnEventIsRefusedButAnOpenOrCloseStillWaitsItsTurn() {
        Lane lane = new Lane(executor, 2);

        assertTrue(lane.offer(event("say 1"), false));
        assertTrue(lane.offer(event("say 2"), false));
        assertFalse(lane.offer(event("say 3"), false));
        assertFalse(lane.offer(event("ping"), true), "a ping behind a full lane waits too, so it is refused too");
        lane.run(event("close"), false);

        executor.runAll();
        assertEquals(List.of("say 1", "say 2", "close"), ran);
    }

    @Test
    void anEventThatFailsOnTheExecutorDoesNotStopTheOnesAfterIt() {
        Lane lane = new Lane(executor, 10);

        lane.offer(() -> {
            throw new IllegalStateException("a bug");
        }, false);
        lane.offer(event("say"), false);
        executor.runAll();

        assertEquals(List.of("say"), ran);
    }

    @Test
    void anEventThatFailsHereFailsToItsCallerAsWithoutALane() {
        Lane lane = new Lane(executor, 10);

        assertThrows(IllegalStateException.class, () -> lane.offer(() -> {
            throw new IllegalStateException("a bug");
        }, true));
        lane.offer(event("ping"), true);
        assertEquals(List.of("ping"), ran);
    }

    @Test
    void whenTheExecutorStoppedWhatWaitsRunsOnTheCallersThread() {
        Lane lane = new Lane(task -> {
            throw new RejectedExecutionException("shut down");
        }, 10);

        lane.run(event("close"), false);

        assertEquals(List.of("close"), ran);
        assertFalse(lane.busy());
    }
}
