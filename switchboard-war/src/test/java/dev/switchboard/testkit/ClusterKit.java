package dev.switchboard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a cluster IT needs around Arquillian: WildFly node base dirs configured with
 * {@code server-config/wildfly/external-artemis.cli} (the script operators run), an Artemis broker
 * created with {@code server-config/artemis/create-broker.sh} and run as a child process, and a way to
 * kill a node the hard way (SIGKILL: no goodbye, like a crash).
 */
public final class ClusterKit {

    private static final Path WILDFLY = Path.of(System.getProperty("wildfly.home", "target/servers/wildfly"));
    private static final Path ARTEMIS = Path.of(System.getProperty("artemis.home", "target/servers/apache-artemis"));
    private static final Path CLUSTER = Path.of(System.getProperty("cluster.dir", "target/cluster"));
    private static final Path SCRIPTS = Path.of(System.getProperty("server-config.dir", "server-config"));
    private static final Path DOCKER = SCRIPTS.resolveSibling("docker");

    private ClusterKit() {
    }

    /**
     * A fresh base dir for a node, copied from the server's {@code standalone/} and pointed at the broker
     * by {@code docker/wildfly/configure.sh} — what the Docker image does, so the ITs test it.
     */
    public static void prepareNode(String name) {
        prepareNode(name, "artemis");
    }

    /**
     * The same, on the broker shape {@code docker/wildfly/configure.sh} is given: {@code artemis} (one broker),
     * {@code artemis-pair} (a primary on 61616 and its backup on 61617) or {@code embedded-ha} (no external broker: the
     * nodes' embedded brokers as one cluster, on {@code standalone-full-ha.xml}).
     */
    public static void prepareNode(String name, String shape) {
        Path base = CLUSTER.resolve(name);
        deleteTree(base);
        copyTree(WILDFLY.resolve("standalone"), base);
        Stream.of("data", "log", "tmp").forEach(dir -> deleteTree(base.resolve(dir)));
        deleteTree(base.resolve("deployments"));
        try {
            Files.createDirectories(base.resolve("deployments"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the script the Docker image runs at build time (docker/wildfly/configure.sh), which applies server-config/
        Commands.run(List.of("bash", DOCKER.resolve("wildfly/configure.sh").toAbsolutePath().toString(),
                WILDFLY.toAbsolutePath().toString(), base.toAbsolutePath().toString(), shape),
                Map.of("SERVER_CONFIG_DIR", SCRIPTS.toAbsolutePath().toString()), CLUSTER.resolve(name + "-cli.log"));
    }

    /** Adds a user in this group to a node's application realm (before or while it runs). */
    public static void addUser(String node, String user, String password, String group) {
        Commands.run(List.of(WILDFLY.resolve("bin/add-user.sh").toString(), "-a", "-s", "-u", user, "-p", password, "-g", group,
                "-sc", CLUSTER.resolve(node).resolve("configuration").toAbsolutePath().toString()));
    }

    /** Creates and starts the broker on 127.0.0.1:61616; returns when it is active. */
    public static Process startBroker() {
        Path instance = createBroker("artemis", 61616, Map.of());
        return run(instance, CLUSTER.resolve("artemis.log"), "AMQ221007"); // Server is now active
    }

    /** The password of the pair's own link (the cluster connection between the two brokers). */
    private static final String PAIR_SECRET = "pair-secret-of-the-its";

    /**
     * Creates an Artemis primary (127.0.0.1:61616) and its backup (127.0.0.1:61617) with
     * {@code create-broker.sh} (replication) and starts both; returns them, primary first, when the backup holds
     * a copy of the primary's journal.
     */
    public static List<Process> startBrokerPair() {
        Path primary = createBroker("artemis-primary", 61616,
                Map.of("ARTEMIS_HA", "primary", "ARTEMIS_PEER", "tcp://127.0.0.1:61617", "ARTEMIS_CLUSTER_PASSWORD", PAIR_SECRET));
        Path backup = createBroker("artemis-backup", 61617,
                Map.of("ARTEMIS_HA", "backup", "ARTEMIS_PEER", "tcp://127.0.0.1:61616", "ARTEMIS_CLUSTER_PASSWORD", PAIR_SECRET));
        Process first = run(primary, CLUSTER.resolve("artemis-primary.log"), "AMQ221007"); // Server is now active
        Process second = run(backup, CLUSTER.resolve("artemis-backup.log"), "AMQ221024"); // synchronized with primary
        return List.of(first, second);
    }

    /** Whether the pair's backup has taken over (its log says it is active). */
    public static boolean backupActive() {
        Path log = CLUSTER.resolve("artemis-backup.log");
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("AMQ221007");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createBroker(String name, int port, Map<String, String> environment) {
        Path instance = CLUSTER.resolve(name);
        deleteTree(instance);
        Commands.run(List.of("bash", SCRIPTS.resolve("artemis/create-broker.sh").toAbsolutePath().toString(),
                ARTEMIS.toAbsolutePath().toString(), instance.toAbsolutePath().toString(), Integer.toString(port)),
                environment, CLUSTER.resolve(name + "-create.log"));
        return instance;
    }

    /** Runs a broker instance as a child process; returns when its log has the marker. */
    private static Process run(Path instance, Path log, String readyMarker) {
        try {
            Process broker = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                        .pollInterval(java.time.Duration.ofMillis(200))
                        .until(() -> !broker.isAlive() || (Files.exists(log)
                                && Files.readString(log, StandardCharsets.UTF_8).contains(readyMarker)));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                broker.destroyForcibly();
                throw new AssertionError("the broker did not start in 90 s; see " + log, e);
            }
            if (!broker.isAlive()) {
                throw new AssertionError("the broker exited: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a process by its handle and waits for it. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The java process of a node, found by its base dir among this JVM's descendants. */
    public static Optional<ProcessHandle> nodeProcess(String name) {
        String marker = "-Djboss.server.base.dir=" + CLUSTER.resolve(name);
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker)).orElse(false))
                .findFirst();
    }

    /** A WildFly node's Switchboard id, from its log (see {@link #nodeIdIn}). */
    public static String nodeId(String name) {
        return nodeIdIn(CLUSTER.resolve(name).resolve("log/server.log"));
    }

    /**
     * A node's Switchboard id, as its server log gives it once its cluster bus runs on JMS: the epoch of the positions its
     * sequencer gives.
     */
    public static String nodeIdIn(Path log) {
        try {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("Switchboard node (\\S+): cluster bus on JMS topic")
                    .matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (!id.find()) {
                throw new AssertionError("no JMS cluster bus in " + log);
            }
            return id.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Java client with the nodes' addresses that connects first to {@code nodes.get(first)} (its random pick, seeded so),
     * reconnecting quickly (200 ms to 1 s) when its node dies: the client a fail-over step uses. Not booted, so that the
     * step registers its listeners first.
     */
    public static dev.switchboard.client.SwitchboardClient failoverClient(List<java.net.URI> nodes, int first,
            java.time.Duration callTimeout) {
        int seed = 0;
        while (new java.util.Random(seed).nextInt(nodes.size()) != first) {
            seed++;
        }
        return dev.switchboard.client.SwitchboardClient.builder(nodes).random(new java.util.Random(seed))
                .backoffFloor(java.time.Duration.ofMillis(200)).backoffCap(java.time.Duration.ofSeconds(1))
                .callTimeout(callTimeout).build();
    }

    /** SIGKILL: the node dies without a word, as in a crash. */
    public static void crash(String name) {
        ProcessHandle node = nodeProcess(name).orElseThrow(() -> new AssertionError("no process for node " + name));
        node.destroyForcibly();
        node.onExit().join();
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree, if there is one. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
