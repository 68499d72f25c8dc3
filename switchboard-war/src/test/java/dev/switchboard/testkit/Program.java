package dev.switchboard.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program the test runs as a child process (a Java program's jar, a browser script): its output, standard error
 * included, is read line by line as it comes — echoed to the test's output with a prefix — so the test can wait
 * for a line, then for the end. {@link #close()} ends the process if it still runs: the one process it started.
 */
public final class Program implements AutoCloseable {

    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private Program(Process process, String name) {
        this.process = process;
        this.name = name;
        this.reader = new Thread(this::read, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the command in this directory with these extra environment variables. */
    public static Program start(String name, List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        try {
            return new Program(builder.start(), name);
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
    }

    /** {@code java -jar <jar> <args…>} with the test's own Java. */
    public static Program javaJar(String name, java.io.File jar, Map<String, String> environment, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.getPath()));
        command.addAll(List.of(args));
        return start(name, command, null, environment);
    }

    /** Waits for a line that matches, and returns it; fails with the output so far when the program ends or time runs out. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1), TimeUnit.MILLISECONDS);
                if (line != null && match.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && !reader.isAlive() && lines.isEmpty()) {
                    throw new AssertionError(name + " ended (" + process.exitValue() + ") without the line expected:\n" + output());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError(name + " printed no line expected within " + timeout + ":\n" + output());
    }

    /** Waits for the program to end and returns its exit status; fails with its output when it does not end in time. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not end within " + timeout + ":\n" + output());
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Everything it printed so far. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly(); // by its handle: the one process this started
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println("[" + name + " " + ServerTools.server() + "] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ FAILED " + e);
        }
    }
}
