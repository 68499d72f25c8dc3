package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a browser test needs: Debian's chromium and the e2e scripts' {@code node_modules}; skipped with {@code -Dit.browser.skip}. */
public final class Browser {

    private Browser() {
    }

    /** The folder of the e2e scripts ({@code src/test/e2e}), once chromium and playwright-core are known to be there. */
    public static Path scripts() {
        assumeFalse(Boolean.getBoolean("it.browser.skip"), "-Dit.browser.skip");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), chromium + " is missing: install Debian's chromium (./test.sh does)");
        Path e2e = Path.of(System.getProperty("e2e.dir", "src/test/e2e"));
        assertTrue(Files.isDirectory(e2e.resolve("node_modules/playwright-core")),
                "src/test/e2e/node_modules is missing: the build's e2e-install step (npm ci) did not run");
        return e2e;
    }

    /**
     * Runs one e2e script ({@code node <script> <arguments>}) to its end, its output printed as it comes with
     * {@code label}; fails unless it exits with 0 and printed {@code PASS} within {@code limit}. The script's output.
     */
    public static String run(String label, List<String> script, Duration limit) throws InterruptedException {
        Path e2e = scripts();
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(script);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(e2e.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("node did not start: " + e, e);
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("[" + label + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("READ FAILED ").append(e).append('\n');
                }
            }
        }, label + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS), () -> "the script did not finish:\n" + text(output));
            reader.join(TimeUnit.SECONDS.toMillis(10));
            String text = text(output);
            assertTrue(process.exitValue() == 0 && text.contains("\nPASS\n"), () -> "the script failed:\n" + text);
            return text;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly(); // by its handle: the one process this call started
            }
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }
}
