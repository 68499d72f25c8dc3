package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a server's own tool (CLI, asadmin, a server-config script) to completion, or fails the test with its output. */
final class Commands {

    private Commands() {
    }

    /** Runs the command with extra environment, output to {@code log}; fails unless it ends with 0 within 4 minutes. */
    static void run(List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish in 4 minutes: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("failed (" + process.exitValue() + "): " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The same, with its output in a temporary file. */
    static void run(List<String> command) {
        try {
            run(command, Map.of(), Files.createTempFile("command-", ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
