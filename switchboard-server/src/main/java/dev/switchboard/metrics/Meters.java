package dev.switchboard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The node's meters, each made once: counting on a hot path is one lookup in a map that never changes
 * and one add, never a new meter. Tags come from closed sets (the verbs, the event names, the envelope
 * kinds) — never from what a client sent, so a client cannot grow the number of series.
 *
 * <p>Names (the Prometheus exposition adds {@code _total} to counters, {@code _seconds} to timers):
 * {@code switchboard.messages.in{method}}, {@code switchboard.messages.out{kind}},
 * {@code switchboard.deliveries}, {@code switchboard.outbound.dropped}, {@code switchboard.cluster.*}, and
 * the gauges and refusal counters the other packages {@linkplain #gauge register}; {@code switchboard.build.info{version}}
 * (always 1: the version as a tag, to join on); in the container also the JVM's and the process's meters
 * ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*}, {@code process_cpu_usage},
 * {@code process_uptime_seconds}, {@code process_files_*}, {@code system_cpu_*}), Micrometer's names. Latencies are
 * histograms with fixed buckets ({@code _bucket{le}}), which add up across nodes; a summary's quantiles do not.
 */
@ApplicationScoped
public class Meters {

    /** The tag value of a frame that named no known method (or was no call at all). */
    public static final String UNKNOWN = "unknown";
    /** The tag value of a frame that could not be read as a call. */
    public static final String INVALID = "invalid";
    /** The kind of frame sent for every event of an application's own name ({@code order-shipped}, …). */
    public static final String APPLICATION_EVENT = "event";
    /** The kinds of frame sent: a reply, an event of this name, or an application's event. */
    public static final Set<String> OUT_KINDS = Set.of("reply", "welcome", "say", "join", "leave", "tell", "alert",
            "end", "error", "tokenExpiring", "presenceDiff", APPLICATION_EVENT);

    /** The lag histogram's buckets: enough for {@code histogram_quantile} between 1 ms and 10 s, and few series. */
    private static final Duration[] LAG_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    /** The publish timer's buckets: a JMS send takes from well under a millisecond to a broker's fail-over (10 s). */
    private static final Duration[] PUBLISH_BUCKETS = Stream.of(0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0,
            1000.0, 10000.0).map(millis -> Duration.ofNanos((long) (millis * 1_000_000))).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Outbound outbound;
    private final Map<String, Counter> out;
    private final Counter outOther;
    private final Timer publish;
    private final Timer lag;
    private final Counter published;
    private final Counter consumed;
    private volatile Map<String, Counter> in = Map.of();
    private volatile Counter inUnknown;
    private volatile Counter inInvalid;

    public Meters() {
        outbound = new Outbound(Counter.builder("switchboard.deliveries")
                .description("Frames written to a client's socket (a broadcast counts once per member)")
                .register(registry),
                Counter.builder("switchboard.outbound.dropped")
                .description("Frames not sent: the connection's outbound queue was full or it was closing")
                .register(registry));
        out = OUT_KINDS.stream().collect(Collectors.toUnmodifiableMap(kind -> kind, this::outCounter));
        outOther = outCounter("other");
        publish = Timer.builder("switchboard.cluster.publish")
                .description("Time to hand one envelope to the cluster bus (a JMS send)")
                .serviceLevelObjectives(PUBLISH_BUCKETS)
                .register(registry);
        lag = Timer.builder("switchboard.cluster.lag")
                .description("From publishing an envelope on one node to its delivery on this one")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        published = Counter.builder("switchboard.cluster.published")
                .description("Envelopes this node published to the cluster bus").register(registry);
        consumed = Counter.builder("switchboard.cluster.consumed")
                .description("Envelopes this node received from the cluster bus, its own included").register(registry);
        methods(Set.of());
        Gauge.builder("switchboard.build.info", () -> 1).description("The build this node runs: always 1, its version as a tag")
                .tag("version", version()).register(registry);
    }

    /** The JVM's and the process's meters, bound while the application runs (their listeners are removed at its end). */
    private final List<MeterBinder> jvm = List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), new JvmGcMetrics(),
            new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics());

    /** Binds the JVM's and the process's meters; the container calls it, a unit test may. */
    @PostConstruct
    public void bindJvm() {
        jvm.forEach(binder -> binder.bindTo(registry));
    }

    /** Removes what the JVM's meters registered with the JVM (the GC's notification listeners), so no class loader leaks. */
    @PreDestroy
    public void close() {
        for (MeterBinder binder : jvm) {
            if (binder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.getLogger(Meters.class.getName()).log(System.Logger.Level.DEBUG, "Closing {0}: {1}", binder, e);
                }
            }
        }
        registry.close();
    }

    /** This build's version, from {@code build.properties} (written by Maven); "unknown" outside a build. */
    static String version() {
        try (InputStream in = Meters.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Counter outCounter(String kind) {
        return Counter.builder("switchboard.messages.out").tag("kind", kind)
                .description("Frames made for clients, by kind: a reply, or an event (a broadcast counts once per node)")
                .register(registry);
    }

    private Counter inCounter(String method) {
        return Counter.builder("switchboard.messages.in").tag("method", method)
                .description("Frames received from clients, by method").register(registry);
    }

    /** The methods that get their own series; any other name counts as {@link #UNKNOWN}. */
    public void methods(Set<String> methods) {
        in = methods.stream().collect(Collectors.toUnmodifiableMap(method -> method, this::inCounter));
        inUnknown = inCounter(UNKNOWN);
        inInvalid = inCounter(INVALID);
    }

    /** A frame came in calling this method. */
    public void received(String method) {
        Counter counter = in.get(method);
        (counter == null ? inUnknown : counter).increment();
    }

    /** A frame came in that was no readable call. */
    public void receivedInvalid() {
        inInvalid.increment();
    }

    /** A frame of this kind was made for clients (see {@link #OUT_KINDS}). */
    public void sent(String kind) {
        Counter counter = out.get(kind);
        (counter == null ? outOther : counter).increment();
    }

    /**
     * The counters of frames written and dropped, for a connection to keep: every frame counts, and a call through this
     * bean's CDI proxy costs a look-up of the bean each time (on Payara, of the thread's context class loader too).
     */
    public Outbound outbound() {
        return outbound;
    }

    /** {@code switchboard.deliveries} and {@code switchboard.outbound.dropped}. */
    public static final class Outbound {

        private final Counter deliveries;
        private final Counter dropped;

        Outbound(Counter deliveries, Counter dropped) {
            this.deliveries = deliveries;
            this.dropped = dropped;
        }

        /** A frame was written to a client's socket. */
        public void delivered() {
            deliveries.increment();
        }

        /** Frames were dropped before they reached their socket. */
        public void dropped(int frames) {
            if (frames > 0) {
                dropped.increment(frames);
            }
        }
    }

    /** An envelope went to the cluster bus in this many nanoseconds. */
    public void published(long nanos) {
        published.increment();
        publish.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An envelope published at {@code sentAtMillis} (the publisher's clock) reached this node. */
    public void consumed(long sentAtMillis) {
        consumed.increment();
        if (sentAtMillis > 0) {
            lag.record(Math.max(0, System.currentTimeMillis() - sentAtMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** A value read when scraped. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A count kept elsewhere (by tag), read when scraped. */
    public <T> void counter(String name, String description, String tag, String tagValue, T owner,
            ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, owner, count).description(description).tag(tag, tagValue).register(registry);
    }

    /**
     * What this node counted since it started, summed over the tags: frames in, frames made for clients, frames written
     * to sockets, frames dropped. The admin console takes two of these a moment apart for its rates.
     */
    public Totals totals() {
        return new Totals(sum("switchboard.messages.in"), sum("switchboard.messages.out"), (long) outbound.deliveries.count(),
                (long) outbound.dropped.count());
    }

    private long sum(String counter) {
        return (long) registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** This node's counts since it started ({@link #totals}). */
    public record Totals(long messagesIn, long messagesOut, long deliveries, long dropped) {
    }

    /** Everything, in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
