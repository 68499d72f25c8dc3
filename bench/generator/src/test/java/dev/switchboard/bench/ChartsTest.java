package dev.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path run;

    private Path results(String... rows) throws IOException {
        return Files.writeString(run.resolve("results.tsv"), String.join("\n", rows) + "\n");
    }

    private String svg(String name) throws IOException {
        return Files.readString(run.resolve(name));
    }

    @Test
    void everyChartIsWrittenBesideTheResultsWithItsSeriesNamed() throws IOException {
        List<String> written = Charts.write(results(
                "Alpha/WildFly\tfanout\tfixed: offered deliveries/s\t50000.000",
                "Alpha/WildFly\tfanout\tfixed: latency p50 ms\t9.000",
                "Alpha/WildFly\tfanout\tfixed: latency p99 ms\t23.000",
                "Alpha/WildFly\tfanout\tfixed: server total µs/delivery\t13.800",
                "Alpha/WildFly\tfanout\tstep 100/s: offered deliveries/s\t100000.000",
                "Alpha/WildFly\tfanout\tstep 100/s: latency p50 ms\t12.000",
                "Alpha/WildFly\tfanout\tstep 100/s: latency p99 ms\t40.000",
                "Alpha/WildFly\trooms\tserver total µs/delivery\t22.600",
                "Alpha/WildFly\treqrep\tserver total µs/call\t71.200",
                "beta.io\tfanout\tfixed: offered deliveries/s\t50000.000",
                "beta.io\tfanout\tfixed: latency p50 ms\t8.500",
                "beta.io\tfanout\tfixed: latency p99 ms\t75.000",
                "beta.io\treqrep\tserver total µs/call\t40.000",
                "Alpha/cluster\tfailover\tclients\t1000.000",
                "Alpha/cluster\tfailover\ttimeline: p0 re-joined ms\t900.000",
                "Alpha/cluster\tfailover\ttimeline: p50 re-joined ms\t14000.000",
                "Alpha/cluster\tfailover\ttimeline: p100 re-joined ms\t19000.000",
                "Alpha/cluster\tfailover\tms until the room lists exactly the clients\t21700.000"));

        assertEquals(List.of("fanout-latency.svg", "cpu-per-delivery.svg", "cpu-per-call.svg", "failover.svg"), written);
        for (String name : written) {
            assertTrue(svg(name).contains("<svg"), name + " is an SVG document");
        }
        assertTrue(svg("fanout-latency.svg").contains("Alpha/WildFly p99"));
        assertTrue(svg("fanout-latency.svg").contains("beta.io p50"));
        assertTrue(svg("cpu-per-delivery.svg").contains("rooms (200 rooms of 10)"));
        assertTrue(svg("cpu-per-call.svg").contains("beta.io"));
        assertTrue(svg("failover.svg").contains("Alpha/cluster (1,000 clients)"));
    }

    @Test
    void aChartWhoseRowsAreAbsentIsNotWrittenAndAFailedScenarioIsLeftOut() throws IOException {
        List<String> written = Charts.write(results(
                "Alpha/WildFly\treqrep\tserver total µs/call\t71.200",
                "Alpha/WildFly\tfanout\tfailed (see generator.log)\t-1",
                "Alpha/WildFly\tfanout\tfixed: server total µs/delivery\t-1"));

        assertEquals(List.of("cpu-per-call.svg"), written);
        assertFalse(Files.exists(run.resolve("fanout-latency.svg")));
        assertFalse(Files.exists(run.resolve("failover.svg")));
    }
}
