package dev.switchboard.metrics;

import java.util.Set;

/**
 * What counting costs a call: the three increments of a request/reply call (a message in by method, a
 * reply made, a frame written), from two threads at once, five rounds. A figure for docs/performance.md,
 * not a test:
 *
 * <pre>
 * mvn -q -pl switchboard-server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp switchboard-server/target/test-classes:switchboard-server/target/classes:$(cat switchboard-server/target/test.classpath) dev.switchboard.metrics.MeterCost
 * </pre>
 */
public final class MeterCost {

    private static final long CALLS = 5_000_000;

    private MeterCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        Meters meters = new Meters();
        meters.methods(Set.of("say", "roomView", "ping", "auth", "roomAdd", "roomLeave", "tell", "history", "action"));
        for (int round = 1; round <= 5; round++) {
            Thread[] threads = new Thread[2];
            long start = System.nanoTime();
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (long i = 0; i < CALLS; i++) {
                        meters.received("roomView");
                        meters.sent("reply");
                        meters.outbound().delivered();
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double nanos = (System.nanoTime() - start) / (double) CALLS;
            System.out.printf("round %d: %.1f ns of wall time per call on each of 2 threads (3 increments)%n", round, nanos);
        }
    }
}
