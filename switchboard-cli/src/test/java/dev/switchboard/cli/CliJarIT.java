package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.InProcessServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar switchboard-cli.jar}, the artifact as built: runs on its own, answers --version and --help, is scriptable from standard input. */
class CliJarIT {

    private static final File JAR = new File(System.getProperty("switchboard.cliJar", "target/switchboard-cli.jar"));

    private static Process start(String... args) throws IOException {
        assertTrue(JAR.isFile(), "no CLI jar at " + JAR);
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-jar", JAR.getPath()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String run(int exitCode, String... args) throws Exception {
        Process cli = start(args);
        try {
            cli.getOutputStream().close();
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the CLI did not end");
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(exitCode, cli.exitValue(), output);
            return output;
        } finally {
            cli.destroy();
        }
    }

    @Test
    void versionAndHelpComeFromTheJar() throws Exception {
        assertTrue(run(0, "--version").strip().matches("switchboard-cli \\d+\\.\\d+\\.\\d+.*"), "the manifest's version");
        String help = run(0, "--help");
        assertTrue(help.contains("--token") && help.contains("--join") && help.contains("ADDRESS"), help);
        assertTrue(run(2, "--nonsense", "ws://127.0.0.1:1/").contains("Unknown option: '--nonsense'"));
    }

    @Test
    void theCliJarRunsAScriptFromStandardInput() throws Exception {
        try (InProcessServer server = InProcessServer.start()) {
            Process cli = start("--user", "scripter", "--key", "secret", "--join", "scripted", server.uri().toString());
            try {
                cli.getOutputStream().write("hello from a script\n/who\n/quit\n".getBytes(StandardCharsets.UTF_8));
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
