package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.ServerTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo chat and the browser client in a real browser: {@code src/test/e2e/chat.e2e.mjs} drives pages of Debian's
 * headless chromium through playwright-core — two desktop windows, a late comer who gets the room's history and a phone
 * (360 px) that must fit the screen; times, one's own messages, join and leave lines, a refused join shown inline, the
 * "reconnecting…" banner and the count of messages recovered — and keeps a screenshot of each size
 * ({@code target/e2e/chat-desktop.png}, {@code chat-phone.png}), while this test owns the server: it deploys the
 * WAR (with the development guest login the demo uses), undeploys and deploys it again when the script
 * asks, and passes when the script exits with 0. The script's output is this test's output.
 */
class BrowserIT extends OnManagedDeployment {

    private static final long STEP_SECONDS = 240;

    @Test
    void pagesOnADesktopAndAPhoneChatAndGoOnAfterARedeploy() throws Exception {
        Path e2e = Browser.scripts();
        ServerTools.setSystemProperty("switchboard.auth.guest", "true");
        Process script = null;
        try {
            deployer.deploy(MANAGED);
            String base = "http://127.0.0.1:" + port() + "/switchboard/";
            script = new ProcessBuilder(List.of("node", "chat.e2e.mjs", base)).directory(e2e.toFile())
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuilder output = new StringBuilder();
            Process running = script;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        System.out.println("[e2e " + ServerTools.server() + "] " + line);
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("READ FAILED " + e);
                }
            }, "e2e-output");
            reader.setDaemon(true);
            reader.start();
            Writer toScript = new java.io.OutputStreamWriter(script.getOutputStream(), StandardCharsets.UTF_8);

            awaitLine(lines, "READY undeploy", output);
            deployer.undeploy(MANAGED);
            toScript.write("down\n");
            toScript.flush();
            awaitLine(lines, "READY deploy", output);
            deployer.deploy(MANAGED);
            toScript.write("up\n");
            toScript.flush();

            assertTrue(script.waitFor(STEP_SECONDS, TimeUnit.SECONDS), "the browser script did not finish:\n" + output);
            reader.join(TimeUnit.SECONDS.toMillis(10));
            synchronized (output) {
                assertEquals(0, script.exitValue(), "the browser script failed:\n" + output);
                assertTrue(output.toString().contains("\nPASS\n"), output.toString());
            }
        } finally {
            if (script != null && script.isAlive()) {
                script.destroyForcibly(); // by its handle: the one process this test started
            }
            try {
                deployer.undeploy(MANAGED);
            } catch (RuntimeException e) {
                // undeployed already (a failure between the two steps)
            }
            ServerTools.removeSystemProperty("switchboard.auth.guest");
        }
    }

    /** Waits for the script to print {@code expected}; fails with its output when it ends or prints FAIL first. */
    private static void awaitLine(BlockingQueue<String> lines, String expected, StringBuilder output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals(expected)) {
                return;
            }
            if (line.startsWith("FAIL")) {
                synchronized (output) {
                    throw new AssertionError("the browser script failed before '" + expected + "':\n" + output);
                }
            }
        }
        synchronized (output) {
            throw new AssertionError("the browser script did not print '" + expected + "' in time:\n" + output);
        }
    }
}
