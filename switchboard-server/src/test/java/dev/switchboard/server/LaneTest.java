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
        Lane lane = new Lane(executor, 10, 1 << 20);

        assertTrue(lane.offer(event("ping"), true, 1));

        assertEquals(List.of("ping"), ran);
        assertSame(Thread.currentThread(), threads.get(0));
        assertTrue(executor.tasks.isEmpty());
        assertFalse(lane.busy());
    }

    @Test
    void anEventThatMayWaitGoesToTheExecutor() {
        Lane lane = new Lane(executor, 10, 1 << 20);

        assertTrue(lane.offer(event("say"), false, 1));

        assertEquals(List.of(), ran);
        assertTrue(lane.busy());
        executor.runAll();
        assertEquals(List.of("say"), ran);
        assertFalse(lane.busy());
    }

    @Test
    void nothingOvertakesAnEventThatWaits() {
        Lane lane = new Lane(executor, 10, 1 << 20);

        lane.offer(event("say"), false, 1);
        lane.offer(event("ping"), true, 1);
        lane.offer(event("roomAdd"), false, 1);
        lane.offer(event("roomView"), true, 1);

        assertEquals(List.of(), ran, "the ping must not answer before the say that came first");
        assertEquals(1, executor.tasks.size(), "one turn on the executor at a time");
        executor.runAll();
        assertEquals(List.of("say", "ping", "roomAdd", "roomView"), ran);
        assertFalse(lane.busy());
        lane.offer(event("ping again"), true, 1);
        assertEquals("ping again", ran.get(4));
        assertSame(Thread.currentThread(), threads.get(4));
    }

    @Test
    void aTurnRunsAtMostItsShareThenLetsOthersGoFirst() {
        Lane lane = new Lane(executor, 1000, 1 << 20);
        for (int i = 0; i < Lane.TURN + 5; i++) {
            lane.offer(event("say " + i), false, 1);
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
        Lane lane = new Lane(executor, 2, 1 << 20);

        assertTrue(lane.offer(event("say 1"), false, 1));
        assertTrue(lane.offer(event("say 2"), false, 1));
        assertFalse(lane.offer(event("say 3"), false, 1));
        assertFalse(lane.offer(event("ping"), true, 1), "a ping behind a full lane waits too, so it is refused too");
        lane.run(event("close"), false);

        executor.runAll();
        assertEquals(List.of("say 1", "say 2", "close"), ran);
    }

    @Test
    void theFramesThatWaitAreBoundedInCharactersTooAndWhatRanIsTakenOffTheBound() {
        Lane lane = new Lane(executor, 1000, 100);

        assertTrue(lane.offer(event("say of 250"), false, 250), "one frame alone always may wait, however large");
        assertFalse(lane.offer(event("say of 1"), false, 1), "nothing more fits beside it");
        executor.runAll();
        assertTrue(lane.offer(event("say of 60"), false, 60), "what ran is no longer counted");
        assertTrue(lane.offer(event("say of 40"), false, 40));
        assertFalse(lane.offer(event("say of 1 again"), false, 1));
        lane.run(event("close"), false);
        executor.runAll();

        assertEquals(List.of("say of 250", "say of 60", "say of 40", "close"), ran);
        assertTrue(lane.offer(event("ping"), true, 1), "an idle lane runs what may run here at once again");
        assertEquals("ping", ran.get(ran.size() - 1));
    }

    @Test
    void anEventThatFailsOnTheExecutorDoesNotStopTheOnesAfterIt() {
        Lane lane = new Lane(executor, 10, 1 << 20);

        lane.offer(() -> {
            throw new IllegalStateException("a bug");
        }, false, 1);
        lane.offer(event("say"), false, 1);
        executor.runAll();

        assertEquals(List.of("say"), ran);
    }

    @Test
    void anEventThatFailsHereFailsToItsCallerAsWithoutALane() {
        Lane lane = new Lane(executor, 10, 1 << 20);

        assertThrows(IllegalStateException.class, () -> lane.offer(() -> {
            throw new IllegalStateException("a bug");
        }, true, 1));
        lane.offer(event("ping"), true, 1);
        assertEquals(List.of("ping"), ran);
    }

    @Test
    void whenTheExecutorStoppedWhatWaitsRunsOnTheCallersThread() {
        Lane lane = new Lane(task -> {
            throw new RejectedExecutionException("shut down");
        }, 10, 1 << 20);

        lane.run(event("close"), false);

        assertEquals(List.of("close"), ran);
        assertFalse(lane.busy());
    }
}
