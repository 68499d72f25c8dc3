package dev.switchboard.it;

import dev.switchboard.actions.Action;
import dev.switchboard.actions.ActionCall;
import dev.switchboard.actions.ActionHandler;
import dev.switchboard.actions.Param;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test actions deployed with {@link ExtensionsIT}: {@code hold} runs until {@code release} opens its gate
 * (at most a minute), {@code holding} says how many wait at a gate (a {@code hold}, or a {@link #block}), {@code explode} is a bug. A hold
 * waits without a thread: it answers with a {@link CompletableFuture} (the server's managed executor
 * has few threads; an action that blocks one for long starves the others).
 */
final class HoldActions {

    private static final Map<String, CompletableFuture<String>> GATES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> WAITING = new ConcurrentHashMap<>();

    private HoldActions() {
    }

    /**
     * Blocks the calling thread until the gate is released (at most a minute), counted among those {@code holding} it:
     * what application code that waits does to its caller's thread ({@link ModerationPolicy}'s gated rooms).
     */
    static void block(String gate) {
        AtomicInteger waiting = WAITING.computeIfAbsent(gate, g -> new AtomicInteger());
        waiting.incrementAndGet();
        try {
            GATES.computeIfAbsent(gate, g -> new CompletableFuture<>()).get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // gave up: the join goes on
        } finally {
            waiting.decrementAndGet();
        }
    }

    private static String gate(ActionCall call) {
        return call.params().getString("gate");
    }

    @ApplicationScoped
    @Action(value = "hold", description = "test: runs until its gate is released", params = @Param(name = "gate"))
    public static class Hold implements ActionHandler {
        @Override
        public Object run(ActionCall call) {
            AtomicInteger waiting = WAITING.computeIfAbsent(gate(call), g -> new AtomicInteger());
            waiting.incrementAndGet();
            return GATES.computeIfAbsent(gate(call), g -> new CompletableFuture<>())
                    .completeOnTimeout("gave up", 1, TimeUnit.MINUTES)
                    .whenComplete((result, failure) -> waiting.decrementAndGet());
        }
    }

    @ApplicationScoped
    @Action(value = "holding", description = "test: how many holds wait at a gate", params = @Param(name = "gate"))
    public static class Holding implements ActionHandler {
        @Override
        public Object run(ActionCall call) {
            return WAITING.computeIfAbsent(gate(call), g -> new AtomicInteger()).get();
        }
    }

    @ApplicationScoped
    @Action(value = "release", description = "test: opens a gate for good", params = @Param(name = "gate"))
    public static class Release implements ActionHandler {
        @Override
        public Object run(ActionCall call) {
            GATES.computeIfAbsent(gate(call), g -> new CompletableFuture<>()).complete("released");
            return "done";
        }
    }

    @ApplicationScoped
    @Action(value = "explode", description = "test: a bug in an action")
    public static class Explode implements ActionHandler {
        @Override
        public Object run(ActionCall call) {
            throw new IllegalStateException("a bug in application code");
        }
    }
}
