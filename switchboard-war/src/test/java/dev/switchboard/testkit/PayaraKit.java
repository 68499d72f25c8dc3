package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a Payara cluster IT needs: the OpenMQ broker that ships inside Payara, run by
 * {@code server-config/payara/start-openmq.sh} as a child process, and Payara Server domains made by
 * {@code server-config/payara/remote-openmq.sh} (the scripts operators run), started, deployed to and killed
 * with asadmin and their pid files. The domains live under the build's cluster directory, apart from the
 * {@code domain1} the Payara ITs use.
 */
public final class PayaraKit {

    private static final Path PAYARA = Path.of(System.getProperty("payara.home", "target/servers/payara6"));
    private static final Path CLUSTER = Path.of(System.getProperty("cluster.dir", "target/cluster"));
    private static final Path SCRIPTS = Path.of(System.getProperty("server-config.dir", "server-config"));
    private static final Path DOMAINS = CLUSTER.resolve("payara-domains");

    private PayaraKit() {
    }

    /** The shared broker's port (the scripts' default). */
    public static final int BROKER_PORT = 27676;

    /** Starts the shared OpenMQ broker on 127.0.0.1:{@value #BROKER_PORT} with a fresh store; returns when its queue exists. */
    public static Process startBroker() {
        Path varhome = CLUSTER.resolve("openmq");
        ClusterKit.deleteTree(varhome);
        Path log = CLUSTER.resolve("openmq.log");
        try {
            Files.createDirectories(CLUSTER);
            Process broker = new ProcessBuilder("bash", SCRIPTS.resolve("payara/start-openmq.sh").toAbsolutePath().toString(),
                    PAYARA.toAbsolutePath().toString(), varhome.toAbsolutePath().toString(), Integer.toString(BROKER_PORT))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !broker.isAlive() || read(log).contains("switchboard broker ready on port"));
            } catch (ConditionTimeoutException e) {
                stop(broker);
                throw new AssertionError("the broker did not start in 120 s; see " + log, e);
            }
            if (!broker.isAlive()) {
                throw new AssertionError("the broker script exited: " + read(log));
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared broker's own log (OpenMQ writes it under its instance), to look for why it stopped. */
    public static Path brokerLog() {
        return CLUSTER.resolve("openmq/instances/switchboard/log/log.txt");
    }

    /** Stops a script and every process under it (the broker's JVM runs under two shells), each by its handle. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
        ClusterKit.stop(process);
    }

    /**
     * Makes a domain with {@code remote-openmq.sh}: its ports offset by {@code portbase} (HTTP +80, admin +48), its JMS
     * service REMOTE on the shared broker. Left stopped.
     */
    public static void createDomain(String domain, int portbase) {
        Commands.run(List.of("bash", SCRIPTS.resolve("payara/remote-openmq.sh").toAbsolutePath().toString(),
                PAYARA.toAbsolutePath().toString(), domain, Integer.toString(portbase), "127.0.0.1", Integer.toString(BROKER_PORT)),
                Map.of("PAYARA_DOMAINS_DIR", DOMAINS.toAbsolutePath().toString()), CLUSTER.resolve(domain + "-create.log"));
    }

    /** Starts a domain (asadmin returns once it runs). */
    public static void startDomain(String domain) {
        asadmin(domain, List.of("start-domain", "--domaindir", DOMAINS.toAbsolutePath().toString(), domain));
    }

    /** Deploys the WAR at {@code /switchboard} through the domain's admin port. */
    public static void deploy(String domain, int portbase, String war) {
        asadmin(domain, List.of("--port", Integer.toString(portbase + 48), "deploy", "--contextroot", "switchboard",
                "--name", "switchboard", war));
    }

    /** Sets a system property of the domain's server (asadmin create-system-properties), before a deployment reads it. */
    public static void setSystemProperty(String domain, int portbase, String name, String value) {
        asadmin(domain, List.of("--port", Integer.toString(portbase + 48), "create-system-properties", name + "=" + value));
    }

    /** Stops a domain the clean way, if it runs. */
    public static void stopDomain(String domain) {
        if (process(domain).isPresent()) {
            asadmin(domain, List.of("stop-domain", "--domaindir", DOMAINS.toAbsolutePath().toString(), domain));
        }
    }

    /** SIGKILL to a domain's JVM: it dies without a word, as in a crash. */
    public static void crash(String domain) {
        ProcessHandle server = process(domain).orElseThrow(() -> new AssertionError("domain " + domain + " does not run"));
        server.destroyForcibly();
        server.onExit().join();
    }

    /** A domain's JVM, from the pid file Payara writes while it runs. */
    public static java.util.Optional<ProcessHandle> process(String domain) {
        Path pid = DOMAINS.resolve(domain).resolve("config/pid");
        if (!Files.exists(pid)) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(read(pid).trim())).filter(ProcessHandle::isAlive);
    }

    /** A domain's server log. */
    public static Path serverLog(String domain) {
        return DOMAINS.resolve(domain).resolve("logs/server.log");
    }

    private static int runs;

    private static void asadmin(String domain, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(PAYARA.resolve("bin/asadmin").toAbsolutePath().toString());
        command.addAll(arguments);
        Commands.run(command, Map.of(), CLUSTER.resolve(domain + "-asadmin-" + (++runs) + ".log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
