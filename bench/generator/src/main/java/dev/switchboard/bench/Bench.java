package dev.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One scenario against one running server, measured from outside: deliveries and their latency (the
 * publisher's send time travels in the message; one process, one clock), the server's CPU time (user
 * and system apart, from /proc) divided by what it delivered, and the generator's own CPU, to show it
 * was not the bottleneck. Every loop is bounded in count and time.
 *
 * <pre>
 * java -jar generator.jar --peer switchboard|socketio|actionhero|floor --port 8580 --pid SERVER_PID
 *      --label "Switchboard (WildFly)" --scenario fanout|rooms|reqrep|idle --out results.tsv [--quick]
 * </pre>
 * Results are appended to {@code --out} as {@code label, scenario, metric, value} lines; {@link Report}
 * turns them into the side-by-side table.
 */
public final class Bench {

    private final Map<String, String> options;
    private final Peer peer;
    private final long serverPid;
    /** Further processes whose CPU counts as the server's (a cluster's second node and its brokers, if any). */
    private final List<Long> otherPids;
    private final String label;
    private final boolean quick;
    private final LongAdder delivered = new LongAdder();
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(120), 3);
    private final AtomicBoolean measuring = new AtomicBoolean();
    /** Messages sent before this (a previous phase's backlog) are not counted. */
    private volatile long phaseStart;

    private Bench(Map<String, String> options) {
        this.options = options;
        this.peer = Peer.named(required("peer"));
        this.serverPid = Long.parseLong(required("pid"));
        this.otherPids = java.util.stream.Stream.of("pid2", "pid3", "pid4").filter(options::containsKey)
                .map(name -> Long.parseLong(options.get(name))).toList();
        this.label = options.getOrDefault("label", peer.name());
        this.quick = options.containsKey("quick");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "" : args[++i]);
        }
        Bench bench = new Bench(options);
        String scenario = bench.required("scenario");
        switch (scenario) {
            case "fanout" -> bench.fanout();
            case "rooms" -> bench.rooms();
            case "reqrep" -> bench.reqrep();
            case "idle" -> bench.idle();
            case "cluster" -> bench.cluster();
            case "failover" -> new Failover(bench.options, bench::result).run();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        System.exit(0);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private int option(String name, int normal, int whenQuick) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(quick ? whenQuick : normal)));
    }

    private Clients clients(int threads) {
        return new Clients(options.getOrDefault("host", "127.0.0.1"), Integer.parseInt(required("port")), peer, threads);
    }

    /** Counts deliveries and records their latency while a phase is measured. */
    private class Receiver implements Conn.Listener {
        private final CountDownLatch joined;

        Receiver(int joins) {
            joined = new CountDownLatch(joins);
        }

        @Override
        public void ready(Conn conn) {
        }

        @Override
        public void reply(Conn conn, long id) {
            joined.countDown();
        }

        @Override
        public void say(Conn conn, long sentNanos) {
            if (measuring.get() && sentNanos >= phaseStart) {
                delivered.increment();
                latency.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1000));
            }
        }

        /** Joins every connection to its room, 250 at a time (a burst of thousands overflows Payara's default queue). */
        void joinAll(List<Conn> conns, java.util.function.IntFunction<String> room) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            int total = conns.size();
            for (int start = 0; start < total; start += 250) {
                int end = Math.min(total, start + 250);
                for (Conn conn : conns.subList(start, end)) {
                    String join = peer.join(room.apply(conn.index), conn.index + 1L);
                    if (join == null) {
                        joined.countDown();
                    } else {
                        conn.send(join);
                    }
                }
                while (joined.getCount() > total - end) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(joined.getCount() + " joins unanswered after 3 minutes");
                    }
                    joined.await(10, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** What one measured phase gave. */
    private record Phase(double offeredPerSecond, long sent, long expected, long delivered, double seconds,
            Proc.Cpu server, Proc.Cpu generator, Histogram latency) {

        double deliveriesPerSecond() {
            return delivered / seconds;
        }

        long lost() {
            return expected - delivered;
        }

        double userMicrosPerDelivery() {
            return (double) server.userMicros() / Math.max(1, delivered);
        }

        double systemMicrosPerDelivery() {
            return (double) server.systemMicros() / Math.max(1, delivered);
        }

        double p(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }

        boolean keptUp() {
            return lost() <= expected / 100 && p(99) < 1000;
        }
    }

    /** Sends {@code rate} messages a second for {@code seconds}, round-robin over the publishers. */
    private long pace(List<Conn> publishers, java.util.function.IntFunction<String> room, int rate, int seconds) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (now - start) * rate / 1_000_000_000L;
            while (sent < due) {
                Conn from = publishers.get((int) (sent % publishers.size()));
                from.send(peer.say(room.apply(from.index), System.nanoTime()));
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
        return sent;
    }

    private Phase measure(List<Conn> publishers, java.util.function.IntFunction<String> room, int rate, int seconds,
            int deliveriesPerMessage) {
        delivered.reset();
        latency.getIntervalHistogram();
        phaseStart = System.nanoTime();
        Proc.Cpu server0 = serverCpu();
        Proc.Cpu self0 = Proc.self();
        long t0 = System.nanoTime();
        measuring.set(true);
        long sent = pace(publishers, room, rate, seconds);
        long expected = sent * deliveriesPerMessage;
        drain(expected);
        measuring.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return new Phase(rate * (double) deliveriesPerMessage, sent, expected, delivered.sum(), elapsed,
                serverCpu().minus(server0), Proc.self().minus(self0), latency.getIntervalHistogram());
    }

    /** Waits until everything expected arrived, or nothing arrived for 3 s (bounded: 60 s). */
    private void drain(long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        long lastChange = System.nanoTime();
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            long now = delivered.sum();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A phase whose figures are thrown away: the JIT compiles the hot path, the backlog drains. */
    private void warmUp(List<Conn> publishers, java.util.function.IntFunction<String> room, int rate,
            int deliveriesPerMessage) {
        Phase warm = measure(publishers, room, rate, option("warmup", 10, 4), deliveriesPerMessage);
        System.out.printf(Locale.ROOT, "%s warm-up: %.0f deliveries/s, p99 %.1f ms (not counted)%n", label,
                warm.deliveriesPerSecond(), warm.p(99));
    }

    /** CPU used so far by the server: its process, plus a cluster's second node and broker. */
    private Proc.Cpu serverCpu() {
        Proc.Cpu total = Proc.cpu(serverPid);
        for (long pid : otherPids) {
            Proc.Cpu more = Proc.cpu(pid);
            total = new Proc.Cpu(total.userMicros() + more.userMicros(), total.systemMicros() + more.systemMicros());
        }
        return total;
    }

    // ------------------------------------------------------------------ scenarios

    /** One room of N members, one of them publishing: a fixed rate, then doubling until it falls behind. */
    private void fanout() throws InterruptedException {
        int members = option("members", 1000, 1000);
        int rate = option("rate", 50, 50);
        try (Clients clients = clients(1)) {
            Receiver receiver = new Receiver(members);
            List<Conn> conns = clients.open(members, receiver, Duration.ofMinutes(3));
            receiver.joinAll(conns, i -> "fan");
            List<Conn> publisher = List.of(conns.get(0));
            warmUp(publisher, i -> "fan", rate, members);
            rampAndReport("fanout", publisher, "fan", rate, members, option("max-rate", 6400, 3200));
        }
    }

    /**
     * Two nodes and the broker: one room of N members, half on each node, the publisher on the first;
     * a fixed rate, then doubling until the cluster falls behind. Server CPU is both nodes and the broker.
     */
    private void cluster() throws InterruptedException {
        int members = option("members", 1000, 1000);
        int rate = option("rate", 10, 10);
        String host = options.getOrDefault("host", "127.0.0.1");
        try (Clients onA = clients(1);
                Clients onB = new Clients(host, Integer.parseInt(required("port2")), peer, 1)) {
            Receiver receiver = new Receiver(members);
            List<Conn> conns = new java.util.ArrayList<>(onA.open(0, members / 2, receiver, Duration.ofMinutes(3)));
            conns.addAll(onB.open(members / 2, members - members / 2, receiver, Duration.ofMinutes(3)));
            receiver.joinAll(conns, i -> "span");
            List<Conn> publisher = List.of(conns.get(0));
            // a cluster that has just started needs a while (JMS sessions, the sequencer queue's first
            // consumer, JIT) before messages flow at rate: warm up until one warm-up phase keeps up
            for (int attempt = 0; attempt < 6; attempt++) {
                Phase warm = measure(publisher, i -> "span", rate, option("warmup", 10, 4), members);
                System.out.printf(Locale.ROOT, "%s warm-up %d: %.0f deliveries/s, p99 %.1f ms (not counted)%n", label,
                        attempt + 1, warm.deliveriesPerSecond(), warm.p(99));
                if (warm.keptUp()) {
                    break;
                }
            }
            rampAndReport("cluster", publisher, "span", rate, members, option("max-rate", 1600, 800));
        }
    }

    /**
     * The fixed rate for {@code --seconds}, then doubling steps of {@code --step-seconds} until one falls
     * behind; writes every step's figures as it ends ({@code step 100/s: …}, the one that fell behind too:
     * {@link Charts} draws latency against the offered rate from them), then the fixed phase's figures and
     * those of the highest step kept up (the fixed rate when the first step fails).
     */
    private void rampAndReport(String scenario, List<Conn> publisher, String room, int rate, int members, int maxRate) {
        Phase fixed = measure(publisher, i -> room, rate, option("seconds", 20, 8), members);
        print(scenario, "fixed", fixed);
        Phase best = fixed.keptUp() ? fixed : null;
        int stepSeconds = option("step-seconds", 8, 4);
        for (int step = rate * 2; step <= maxRate; step *= 2) {
            Phase phase = measure(publisher, i -> room, step, stepSeconds, members);
            print(scenario, "step " + step + "/s", phase);
            step(scenario, "step " + step + "/s: ", phase);
            if (!phase.keptUp()) {
                break;
            }
            best = phase;
        }
        result(scenario, "members", members);
        result(scenario, "fixed: offered deliveries/s", fixed.offeredPerSecond());
        result(scenario, "fixed: deliveries/s", fixed.deliveriesPerSecond());
        result(scenario, "fixed: latency p50 ms", fixed.p(50));
        result(scenario, "fixed: latency p99 ms", fixed.p(99));
        result(scenario, "fixed: lost", fixed.lost());
        result(scenario, "fixed: server user µs/delivery", fixed.userMicrosPerDelivery());
        result(scenario, "fixed: server system µs/delivery", fixed.systemMicrosPerDelivery());
        result(scenario, "fixed: server total µs/delivery", fixed.userMicrosPerDelivery() + fixed.systemMicrosPerDelivery());
        result(scenario, "fixed: generator CPU %", 100.0 * fixed.generator().totalMicros() / (fixed.seconds() * 1e6));
        result(scenario, "max: sustained deliveries/s", best == null ? 0 : best.deliveriesPerSecond());
        if (best != null) {
            result(scenario, "max: latency p99 ms", best.p(99));
            result(scenario, "max: server user µs/delivery", best.userMicrosPerDelivery());
            result(scenario, "max: server total µs/delivery", best.userMicrosPerDelivery() + best.systemMicrosPerDelivery());
            result(scenario, "max: generator CPU %", 100.0 * best.generator().totalMicros() / (best.seconds() * 1e6));
        }
    }

    /** 2000 clients in 200 rooms of 10, each saying once a second. */
    private void rooms() throws InterruptedException {
        int clientsCount = option("clients", 2000, 2000);
        int roomSize = option("room-size", 10, 10);
        int seconds = option("seconds", 20, 8);
        try (Clients clients = clients(1)) {
            Receiver receiver = new Receiver(clientsCount);
            List<Conn> conns = clients.open(clientsCount, receiver, Duration.ofMinutes(3));
            java.util.function.IntFunction<String> room = i -> "r" + (i / roomSize);
            receiver.joinAll(conns, room);
            warmUp(conns, room, clientsCount, roomSize);
            Phase phase = measure(conns, room, clientsCount, seconds, roomSize);
            print("rooms", "fixed", phase);
            result("rooms", "clients", clientsCount);
            result("rooms", "deliveries/s", phase.deliveriesPerSecond());
            result("rooms", "latency p50 ms", phase.p(50));
            result("rooms", "latency p99 ms", phase.p(99));
            result("rooms", "lost", phase.lost());
            result("rooms", "server user µs/delivery", phase.userMicrosPerDelivery());
            result("rooms", "server total µs/delivery", phase.userMicrosPerDelivery() + phase.systemMicrosPerDelivery());
            result("rooms", "generator CPU %", 100.0 * phase.generator().totalMicros() / (phase.seconds() * 1e6));
        }
    }

    /** 100 clients, each asking who is in its room, one call after the other. */
    private void reqrep() throws InterruptedException {
        int count = option("clients", 100, 100);
        int seconds = option("seconds", 20, 8);
        AtomicLongArray sentAt = new AtomicLongArray(count);
        LongAdder calls = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.function.IntFunction<String> room = i -> "q" + (i / 10);
        class Caller extends Receiver {
            volatile boolean started;

            Caller() {
                super(count);
            }

            @Override
            public void reply(Conn conn, long id) {
                if (!started) {
                    super.reply(conn, id);
                    return;
                }
                long now = System.nanoTime();
                if (measuring.get()) {
                    calls.increment();
                    latency.recordValue((now - sentAt.get(conn.index)) / 1000);
                }
                if (running.get()) {
                    sentAt.set(conn.index, System.nanoTime());
                    conn.send(peer.request(room.apply(conn.index), id + 1_000_000));
                }
            }
        }
        try (Clients clients = clients(1)) {
            Caller caller = new Caller();
            List<Conn> conns = clients.open(count, caller, Duration.ofMinutes(3));
            caller.joinAll(conns, room);
            caller.started = true;
            for (Conn conn : conns) {
                sentAt.set(conn.index, System.nanoTime());
                conn.send(peer.request(room.apply(conn.index), 1_000_000));
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(option("warmup", 5, 2)));
            latency.getIntervalHistogram();
            Proc.Cpu server0 = Proc.cpu(serverPid);
            Proc.Cpu self0 = Proc.self();
            long t0 = System.nanoTime();
            measuring.set(true);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
            measuring.set(false);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Proc.Cpu server = Proc.cpu(serverPid).minus(server0);
            Proc.Cpu self = Proc.self().minus(self0);
            running.set(false);
            Histogram histogram = latency.getIntervalHistogram();
            long done = calls.sum();
            System.out.printf(Locale.ROOT, "%s reqrep: %d calls in %.1f s, p99 %.2f ms%n", label, done, elapsed,
                    histogram.getValueAtPercentile(99) / 1000.0);
            result("reqrep", "clients", count);
            result("reqrep", "calls/s", done / elapsed);
            result("reqrep", "latency p50 ms", histogram.getValueAtPercentile(50) / 1000.0);
            result("reqrep", "latency p99 ms", histogram.getValueAtPercentile(99) / 1000.0);
            result("reqrep", "server user µs/call", (double) server.userMicros() / Math.max(1, done));
            result("reqrep", "server total µs/call", (double) server.totalMicros() / Math.max(1, done));
            result("reqrep", "generator CPU %", 100.0 * self.totalMicros() / (elapsed * 1e6));
        }
    }

    /**
     * N connections opened in batches of 250 (each welcomed, then for Switchboard authenticated as a guest) and
     * each joined to one of 100 rooms, after as many as {@code --connect-warmup} opened, joined and closed the same way:
     * the server's CPU per new connection and the connections opened per second; then held: the server's memory per
     * connection.
     */
    private void idle() throws InterruptedException {
        int count = option("connections", 18_000, 5_000);
        int warmup = option("connect-warmup", 5_000, 2_500);
        try (Clients clients = clients(2)) {
            if (warmup > 0) {
                // as every scenario warms up: a JVM compiles the connect path (HTTP parsing, the handshake, the endpoint)
                // while it opens its first thousands of connections, up to half of its CPU per connection then
                Receiver warming = new Receiver(warmup);
                List<Conn> warm = clients.open(warmup, warming, Duration.ofMinutes(10));
                warming.joinAll(warm, i -> "warm" + (i % 100));
                warm.forEach(Conn::close);
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(option("settle", 10, 3)));
                System.out.printf(Locale.ROOT, "%s connect warm-up: %d connections opened, joined and closed%n", label, warmup);
            }
            long heap0 = Proc.heapUsedKibAfterGc(serverPid);
            long rss0 = Proc.rssKib(serverPid);
            Receiver receiver = new Receiver(count);
            Proc.Cpu server0 = Proc.cpu(serverPid);
            long t0 = System.nanoTime();
            List<Conn> conns = clients.open(count, receiver, Duration.ofMinutes(10));
            receiver.joinAll(conns, i -> "idle" + (i % 100));
            double opening = (System.nanoTime() - t0) / 1e9;
            Proc.Cpu connecting = Proc.cpu(serverPid).minus(server0);
            System.out.printf(Locale.ROOT, "%s connect: %d connections opened and joined in %.1f s, server %.2f ms CPU each (user %.2f)%n",
                    label, count, opening, connecting.totalMicros() / 1000.0 / count, connecting.userMicros() / 1000.0 / count);
            result("idle", "connect: connections/s", count / opening);
            result("idle", "connect: server total ms/connection", connecting.totalMicros() / 1000.0 / count);
            result("idle", "connect: server user ms/connection", connecting.userMicros() / 1000.0 / count);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(option("settle", 10, 3)));
            long heap1 = Proc.heapUsedKibAfterGc(serverPid);
            long rss1 = Proc.rssKib(serverPid);
            System.out.printf(Locale.ROOT, "%s idle: %d connections; RSS %d → %d KiB; heap %d → %d KiB%n", label, count,
                    rss0, rss1, heap0, heap1);
            result("idle", "connections", count);
            result("idle", "RSS KiB/connection", (rss1 - rss0) / (double) count);
            if (heap0 >= 0) {
                result("idle", "heap KiB/connection", (heap1 - heap0) / (double) count);
            }
            conns.forEach(Conn::close);
        }
    }

    // ------------------------------------------------------------------ output

    private void print(String scenario, String phase, Phase result) {
        System.out.printf(Locale.ROOT,
                "%s %s %s: offered %.0f/s, delivered %.0f/s (%d of %d, lost %d), p50 %.2f ms, p99 %.2f ms, max %.1f ms,"
                        + " server %.2f+%.2f µs/delivery (user+sys), generator CPU %.0f%%%n",
                label, scenario, phase, result.offeredPerSecond(), result.deliveriesPerSecond(), result.delivered(),
                result.expected(), result.lost(), result.p(50), result.p(99), result.latency().getMaxValue() / 1000.0,
                result.userMicrosPerDelivery(), result.systemMicrosPerDelivery(),
                100.0 * result.generator().totalMicros() / (result.seconds() * 1e6));
    }

    /** One doubling step's figures; {@link Report} leaves them out of the table. */
    private void step(String scenario, String prefix, Phase phase) {
        result(scenario, prefix + "offered deliveries/s", phase.offeredPerSecond());
        result(scenario, prefix + "deliveries/s", phase.deliveriesPerSecond());
        result(scenario, prefix + "latency p50 ms", phase.p(50));
        result(scenario, prefix + "latency p99 ms", phase.p(99));
        result(scenario, prefix + "lost", phase.lost());
        result(scenario, prefix + "server total µs/delivery", phase.userMicrosPerDelivery() + phase.systemMicrosPerDelivery());
        result(scenario, prefix + "kept up", phase.keptUp() ? 1 : 0);
    }

    void result(String scenario, String metric, double value) {
        String line = label + "\t" + scenario + "\t" + metric + "\t" + String.format(Locale.ROOT, "%.3f", value) + "\n";
        String out = options.get("out");
        if (out != null) {
            try {
                Files.writeString(Path.of(out), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
