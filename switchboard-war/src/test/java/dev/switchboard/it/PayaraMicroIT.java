package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.ClusterKit;
import dev.switchboard.testkit.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro has no JMS provider: the same WAR deploys there, finds that JMS does not work, runs
 * alone with local fan-out and says so once in the log. Micro is started here as a process (the jar
 * from Maven Central) and stopped by its PID.
 */
class PayaraMicroIT {

    private static final int PORT = 8480;
    private static final URI SOCKET = URI.create("ws://127.0.0.1:" + PORT + "/switchboard/socket");
    private static final String LINE = "JMS does not work here; running alone";

    private static Process micro;
    private static Path log;

    @BeforeAll
    static void startMicro() throws IOException {
        Path dir = Path.of(System.getProperty("micro.dir", "target/micro"));
        // a root dir left by an earlier run would make Micro deploy that run's WAR as well
        ClusterKit.deleteTree(dir.resolve("root"));
        Files.createDirectories(dir);
        log = dir.resolve("micro.log");
        micro = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("payara.micro.jar"),
                "--deploy", System.getProperty("switchboard.war"),
                "--port", Integer.toString(PORT), "--nocluster", "--rootdir", dir.resolve("root").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("Payara Micro ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> !micro.isAlive() || logText().contains("ready in"));
        assertEquals(true, micro.isAlive(), "Payara Micro exited; see " + log);
    }

    @AfterAll
    static void stopMicro() throws InterruptedException {
        if (micro != null) {
            micro.destroy();
            if (!micro.waitFor(30, TimeUnit.SECONDS)) {
                micro.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withoutJmsTheWarDeploysAndTheNodeFansOutLocallySayingSoOnce() {
        try (TestClient alice = TestClient.connectAs(SOCKET, "alice"); TestClient bob = TestClient.connectAs(SOCKET, "bob")) {
            Chatter.sayReachesBoth(alice, bob, "micro", "no broker here");
            assertEquals(2, alice.ok("roomView", params("room", "micro")).getJsonArray("members").size());
        }
        String text = logText();
        assertEquals(1, text.split(Pattern.quote(LINE), -1).length - 1, "the log says it once: " + log);
    }
}
