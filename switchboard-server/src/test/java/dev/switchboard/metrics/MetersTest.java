package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
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
        meters.delivered();
        meters.dropped(3);
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
}
