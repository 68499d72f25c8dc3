package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.InProcessServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar switchboard-cli.jar} runs on its own and is scriptable from standard input. */
class CliJarIT {

    @Test
    void theCliJarRunsAScriptFromStandardInput() throws Exception {
        File jar = new File(System.getProperty("switchboard.cliJar", "target/switchboard-cli.jar"));
        assertTrue(jar.isFile(), "no CLI jar at " + jar);
        try (InProcessServer server = InProcessServer.start()) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process cli = new ProcessBuilder(java, "-jar", jar.getPath(), server.uri().toString())
                    .redirectErrorStream(true).start();
            try {
                cli.getOutputStream().write("/auth scripter secret\n/join scripted\nhello from a script\n/who\n/quit\n".getBytes(StandardCharsets.UTF_8));
                cli.getOutputStream().close();
                assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the CLI did not end");
                String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, cli.exitValue(), output);
                assertTrue(output.contains("* you are scripter"), output);
                assertTrue(output.contains("* in scripted"), output);
                assertTrue(output.contains("[scripted] "), output);
                assertTrue(output.contains(": hello from a script"), output);
                assertTrue(output.contains("* 1 in scripted: "), output);
            } finally {
                cli.destroy();
            }
        }
    }
}
