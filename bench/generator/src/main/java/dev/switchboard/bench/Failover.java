package dev.switchboard.bench;

import dev.switchboard.client.SwitchboardClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fail-over: N Java clients ({@link SwitchboardClient}, the product's own) with both nodes' addresses,
 * all started on node A and in one room; node A's process is killed (SIGKILL); the figure is the time
 * until every client is connected to node B again with its room re-joined (the client's
 * {@code onConnected} fires after the re-join). Across the kill every client also says into a room of its own, one
 * message every {@code say-every-ms} (5,000), {@code says} of them (12; the kill after the third, {@code kill-after-says}):
 * the figures count the calls that failed
 * (lost) and the messages a client heard twice (duplicated) — the product's exactly-once promise under load. Needs
 * the product's {@code switchboard-cli.jar} on the class path. The re-join times are also written as a timeline
 * ({@code timeline: p10 re-joined ms}: ms after the kill by which 10 % of the clients were back, every 5 %), which
 * {@link Charts} draws.
 */
final class Failover {

    /** What the figures are written with. */
    interface Results {
        void result(String scenario, String metric, double value);
    }

    private final Map<String, String> options;
    private final Results results;

    Failover(Map<String, String> options, Results results) {
        this.options = options;
        this.results = results;
    }

    void run() throws Exception {
        int count = Integer.parseInt(options.getOrDefault("clients", "1000"));
        String host = options.getOrDefault("host", "127.0.0.1");
        URI a = URI.create("ws://" + host + ":" + options.get("port") + "/switchboard/socket");
        URI b = URI.create("ws://" + host + ":" + options.get("port2") + "/switchboard/socket");
        long victim = Long.parseLong(options.get("kill-pid"));
        String label = options.getOrDefault("label", "switchboard");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "failover-clients");
            thread.setDaemon(true);
            return thread;
        });
        // every client starts on the first address (node A); rotation after the kill takes it to B
        Random startOnA = new Random() {
            @Override
            public int nextInt(int bound) {
                return 0;
            }
        };
        int says = Integer.parseInt(options.getOrDefault("says", "12"));
        long everyMillis = Long.parseLong(options.getOrDefault("say-every-ms", "5000"));
        int killAfter = Integer.parseInt(options.getOrDefault("kill-after-says", "3"));
        AtomicBoolean killed = new AtomicBoolean();
        List<List<CompletableFuture<?>>> calls = new ArrayList<>(count);
        List<Map<String, Integer>> heard = new ArrayList<>(count);
        AtomicLongArray rejoinedAt = new AtomicLongArray(count);
        CountDownLatch allBack = new CountDownLatch(count);
        List<SwitchboardClient> clients = new ArrayList<>(count);
        try {
            for (int start = 0; start < count; start += 100) {
                List<CompletableFuture<?>> joins = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 100); i++) {
                    int index = i;
                    SwitchboardClient client = SwitchboardClient.builder(List.of(a, b)).scheduler(scheduler)
                            .random(startOnA).build();
                    client.onConnected(() -> {
                        if (killed.get() && rejoinedAt.compareAndSet(index, 0, System.nanoTime())) {
                            allBack.countDown();
                        }
                    });
                    clients.add(client);
                    Map<String, Integer> mine = new java.util.concurrent.ConcurrentHashMap<>();
                    heard.add(mine);
                    calls.add(new java.util.concurrent.CopyOnWriteArrayList<>());
                    client.on("say", data -> {
                        if (data.asJsonObject().getString("room").equals("stream-" + index)) {
                            mine.merge(data.asJsonObject().getString("message"), 1, Integer::sum);
                        }
                    });
                    client.boot();
                    joins.add(client.auth("failover-" + index)); // a guest (the nodes run with switchboard.auth.guest): says need a user
                    joins.add(client.roomAdd("failover"));
                    joins.add(client.roomAdd("stream-" + index));
                }
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            }
            java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
            CountDownLatch fifth = new CountDownLatch(killAfter);
            java.util.concurrent.ScheduledFuture<?> stream = scheduler.scheduleAtFixedRate(() -> {
                int n = round.getAndIncrement();
                if (n >= says) {
                    return;
                }
                for (int i = 0; i < count; i++) {
                    calls.get(i).add(clients.get(i).say("stream-" + i, "n" + n));
                }
                fifth.countDown();
            }, 0, everyMillis, TimeUnit.MILLISECONDS);
            fifth.await(2, TimeUnit.MINUTES);
            System.out.printf(Locale.ROOT, "%s failover: %d clients joined on %s, each saying every %d ms; killing PID %d%n",
                    label, count, a, everyMillis, victim);
            killed.set(true);
            // who had the machine's two cores while the clients came back: node B, the broker, this generator
            long nodeB = Long.parseLong(options.get("pid"));
            long broker = Long.parseLong(options.getOrDefault("pid3", "0"));
            Proc.Cpu nodeB0 = Proc.cpu(nodeB);
            Proc.Cpu broker0 = broker == 0 ? null : Proc.cpu(broker);
            Proc.Cpu self0 = Proc.self();
            long t0 = System.nanoTime();
            ProcessHandle.of(victim).orElseThrow(() -> new IllegalStateException("no process " + victim)).destroyForcibly();
            boolean all = allBack.await(3, TimeUnit.MINUTES);
            double window = (System.nanoTime() - t0) / 1e9;
            double nodeBSeconds = Proc.cpu(nodeB).minus(nodeB0).totalMicros() / 1e6;
            double brokerSeconds = broker0 == null ? 0 : Proc.cpu(broker).minus(broker0).totalMicros() / 1e6;
            double selfSeconds = Proc.self().minus(self0).totalMicros() / 1e6;
            System.out.printf(Locale.ROOT, "%s failover: CPU from the kill until the last re-join (%.1f s, %d cores: %.1f s):"
                    + " node B %.1f s, broker %.1f s, generator %.1f s%n", label, window,
                    Runtime.getRuntime().availableProcessors(), window * Runtime.getRuntime().availableProcessors(),
                    nodeBSeconds, brokerSeconds, selfSeconds);
            results.result("failover", "CPU s until all re-joined: node B", nodeBSeconds);
            results.result("failover", "CPU s until all re-joined: broker", brokerSeconds);
            results.result("failover", "CPU s until all re-joined: generator", selfSeconds);
            long[] millis = new long[count];
            int back = 0;
            for (int i = 0; i < count; i++) {
                long at = rejoinedAt.get(i);
                if (at != 0) {
                    millis[back++] = (at - t0) / 1_000_000;
                }
            }
            long[] sorted = Arrays.copyOf(millis, back);
            Arrays.sort(sorted);
            // presence converges when node A's old entries are dropped (node timeout): poll, bounded
            long view = -1;
            long converged = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    view = clients.get(0).roomView("failover").get(1, TimeUnit.MINUTES).getInt("membersCount");
                } catch (java.util.concurrent.ExecutionException e) { // a roomView of its own is at most once: ask again
                    System.out.printf(Locale.ROOT, "%s failover: roomView failed (%s); asking again%n", label, e.getCause());
                    Thread.sleep(200);
                    continue;
                }
                if (view == count) {
                    converged = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf(Locale.ROOT, "%s failover: %d of %d re-joined on %s; p50 %d ms, all %s ms; room lists %d (exactly the clients after %d ms)%n",
                    label, back, count, b, back == 0 ? -1 : sorted[back / 2], all ? Long.toString(sorted[back - 1]) : "not all",
                    view, converged);
            long deadlineSays = System.nanoTime() + TimeUnit.MINUTES.toNanos(3) + TimeUnit.MILLISECONDS.toNanos(says * everyMillis);
            while (round.get() < says && System.nanoTime() < deadlineSays) {
                Thread.sleep(200);
            }
            stream.cancel(false);
            int made = 0;
            int failed = 0;
            Map<String, Integer> causes = new java.util.TreeMap<>();
            for (List<CompletableFuture<?>> mine : calls) {
                for (CompletableFuture<?> call : mine) {
                    made++;
                    try {
                        call.get(Math.max(1, (deadlineSays - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        failed++;
                        Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                        String why = cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).replaceAll("[0-9]+", "N");
                        causes.merge(why.length() > 160 ? why.substring(0, 160) : why, 1, Integer::sum);
                    }
                }
            }
            long deadlineHeard = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (heard.stream().anyMatch(mine -> mine.size() < says) && System.nanoTime() < deadlineHeard) {
                Thread.sleep(200);
            }
            int unheard = 0;
            int twice = 0;
            for (Map<String, Integer> mine : heard) {
                unheard += says - mine.size();
                twice += mine.values().stream().mapToInt(times -> times - 1).sum();
            }
            causes.forEach((why, times) -> System.out.printf(Locale.ROOT, "%s failover: %d says failed with %s%n", label, times, why));
            System.out.printf(Locale.ROOT, "%s failover: %d says made across the kill: %d acknowledged, %d failed, %d never heard"
                    + " by their sender, %d heard twice%n", label, made, made - failed, failed, unheard, twice);
            results.result("failover", "clients", count);
            results.result("failover", "says made across the kill", made);
            results.result("failover", "says lost (failed or never heard)", failed + unheard);
            results.result("failover", "says duplicated (heard twice)", twice);
            results.result("failover", "re-joined on the other node", back);
            results.result("failover", "p50 ms to re-joined", back == 0 ? -1 : sorted[back / 2]);
            results.result("failover", "ms until all re-joined", all ? sorted[back - 1] : -1);
            results.result("failover", "members the room lists afterwards", view);
            results.result("failover", "ms until the room lists exactly the clients", converged);
            timeline(sorted, count);
        } finally {
            clients.forEach(SwitchboardClient::close);
            scheduler.shutdownNow();
        }
    }

    /**
     * For every 5 % of the clients, the ms after the kill by which that share was re-joined (p0: the first one);
     * a share never reached writes no row.
     */
    private void timeline(long[] sorted, int count) {
        for (int percent = 0; percent <= 100; percent += 5) {
            int needed = Math.max(1, (int) Math.ceil(percent * count / 100.0));
            if (needed <= sorted.length) {
                results.result("failover", "timeline: p" + percent + " re-joined ms", sorted[needed - 1]);
            }
        }
    }
}
