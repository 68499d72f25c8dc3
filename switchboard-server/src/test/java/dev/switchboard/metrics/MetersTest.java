package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetersTest {

    private final Meters meters = new Meters();

    @Test
    void countsComeOutInPrometheusTextFormatWithTheirTags() {
        meters.methods(Set.of("say", "ping"));
        meters.received("say");
        meters.received("say");
        meters.sent("reply");
        meters.outbound().delivered();
        meters.outbound().dropped(3);
        AtomicInteger open = new AtomicInteger(7);
        meters.gauge("switchboard.connections", "open", open::get);
        String text = meters.scrape();
        assertTrue(text.contains("switchboard_messages_in_total{method=\"say\"} 2.0"), text);
        assertTrue(text.contains("switchboard_messages_in_total{method=\"ping\"} 0.0"), text);
        assertTrue(text.contains("switchboard_messages_out_total{kind=\"reply\"} 1.0"), text);
        assertTrue(text.contains("switchboard_deliveries_total 1.0"), text);
        assertTrue(text.contains("switchboard_outbound_dropped_total 3.0"), text);
        assertTrue(text.contains("switchboard_connections 7.0"), text);
        assertTrue(text.contains("# TYPE switchboard_cluster_lag_seconds histogram"), text);
    }

    /** The admin console's rates come from two of these: every tag of a counter summed, unknown names included. */
    @Test
    void totalsSumEveryTagOfACounter() {
        meters.methods(Set.of("say", "ping"));
        meters.received("say");
        meters.received("ping");
        meters.received("made-up");
        meters.receivedInvalid();
        meters.sent("reply");
        meters.sent("say");
        meters.sent("made-up-event");
        meters.outbound().delivered();
        meters.outbound().delivered();
        meters.outbound().dropped(3);
        assertEquals(new Meters.Totals(4, 3, 2, 3), meters.totals());
    }

    @Test
    void aNameAClientMadeUpNeverBecomesASeries() {
        meters.methods(Set.of("say"));
        meters.received("drop table; {}\"");
        meters.sent("made-up-event");
        String text = meters.scrape();
        assertTrue(text.contains("switchboard_messages_in_total{method=\"unknown\"} 1.0"), text);
        assertTrue(text.contains("switchboard_messages_out_total{kind=\"other\"} 1.0"), text);
        assertFalse(text.contains("drop table"), text);
        assertFalse(text.contains("made-up-event"), text);
    }

    @Test
    void theClusterLagIsMeasuredFromThePublishersClock() {
        meters.consumed(System.currentTimeMillis() - 250);
        String text = meters.scrape();
        assertTrue(text.contains("switchboard_cluster_consumed_total 1.0"), text);
        assertTrue(text.contains("switchboard_cluster_lag_seconds_count 1"), text);
    }

    /** Operators' conventions (issue 24): the JVM's and the process's meters, the build, latencies as histograms. */
    @Test
    void theJvmTheProcessAndTheBuildAreMeteredAndLatenciesHaveBuckets() {
        meters.bindJvm();
        try {
            meters.published(TimeUnit.MICROSECONDS.toNanos(700));
            String text = meters.scrape();
            for (String series : List.of("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "process_cpu_usage ", "process_uptime_seconds ", "system_cpu_count ")) {
                assertTrue(text.contains(series), series + " in\n" + text);
            }
            assertTrue(text.contains("switchboard_build_info{version=\"" + Meters.version() + "\"} 1"), text);
            assertTrue(text.contains("# TYPE switchboard_cluster_publish_seconds histogram"), text);
            assertTrue(text.contains("switchboard_cluster_publish_seconds_bucket{le=\"0.001\"} 1"), "a 0.7 ms send is under 1 ms:\n" + text);
            assertTrue(text.contains("switchboard_cluster_publish_seconds_bucket{le=\"5.0E-4\"} 0"), "and not under 0.5 ms:\n" + text);
        } finally {
            meters.close();
        }
    }

    @Test
    void theVersionIsTheBuildsOwn() {
        assertTrue(Meters.version().matches("\\d+\\.\\d+\\.\\d+.*"), "the pom's version, written by Maven: " + Meters.version());
    }
}
