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
 * {@code onConnected} fires after the re-join). Needs the product's {@code switchboard-cli.jar} on
 * the class path.
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
        AtomicBoolean killed = new AtomicBoolean();
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
                    client.boot();
                    joins.add(client.roomAdd("failover"));
                }
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            }
            System.out.printf(Locale.ROOT, "%s failover: %d clients joined on %s; killing PID %d%n", label, count, a, victim);
            killed.set(true);
            long t0 = System.nanoTime();
            ProcessHandle.of(victim).orElseThrow(() -> new IllegalStateException("no process " + victim)).destroyForcibly();
            boolean all = allBack.await(3, TimeUnit.MINUTES);
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
                view = clients.get(0).roomView("failover").get(1, TimeUnit.MINUTES).getInt("membersCount");
                if (view == count) {
                    converged = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf(Locale.ROOT, "%s failover: %d of %d re-joined on %s; p50 %d ms, all %s ms; room lists %d (exactly the clients after %d ms)%n",
                    label, back, count, b, back == 0 ? -1 : sorted[back / 2], all ? Long.toString(sorted[back - 1]) : "not all",
                    view, converged);
            results.result("failover", "clients", count);
            results.result("failover", "re-joined on the other node", back);
            results.result("failover", "p50 ms to re-joined", back == 0 ? -1 : sorted[back / 2]);
            results.result("failover", "ms until all re-joined", all ? sorted[back - 1] : -1);
            results.result("failover", "members the room lists afterwards", view);
            results.result("failover", "ms until the room lists exactly the clients", converged);
        } finally {
            clients.forEach(SwitchboardClient::close);
            scheduler.shutdownNow();
        }
    }
}
