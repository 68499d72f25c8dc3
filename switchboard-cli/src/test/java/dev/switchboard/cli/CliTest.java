package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.server.InProcessServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line client's commands, against an in-process server. */
class CliTest {

    private final InProcessServer server = InProcessServer.start();
    private final SwitchboardClient client = SwitchboardClient.builder(List.of(server.uri()))
            .backoffFloor(Duration.ofMillis(20)).backoffCap(Duration.ofMillis(200)).build();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Cli cli = new Cli(client, out);

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static void until(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void joinSayWhoLeaveAndQuit() {
        client.boot();
        cli.handle("hello before joining");
        assertTrue(output().contains("* join a room first"), output());
        cli.handle("/join lobby");
        cli.handle("hello everyone");
        until(() -> output().contains(": hello everyone"));
        cli.handle("/who");
        assertTrue(output().contains("* 1 in lobby: "), output());
        cli.handle("/leave");
        cli.handle("/who lobby");
        assertTrue(output().contains("NOT_IN_ROOM") || output().contains("not a member"), output());
        cli.handle("/nonsense");
        assertTrue(output().contains("* commands:"), output());
        assertFalse(cli.handle("/quit"));
        assertTrue(output().contains("* connected"), output());
    }

    @Test
    void theOptionsAreParsedAndABadOneIsNamed() {
        Cli.Options options = new Cli.Options();
        new CommandLine(options).parseArgs("--user", "ann", "-j", "lobby", "--join", "news", "ws://127.0.0.1:1/switchboard/socket");
        assertEquals("ann", options.user);
        assertEquals(List.of("lobby", "news"), options.rooms);
        assertEquals(1, options.addresses.size());
        StringWriter errors = new StringWriter();
        CommandLine line = new CommandLine(new Cli.Options()).setErr(new PrintWriter(errors, true));
        assertEquals(2, line.execute("--frobnicate", "ws://127.0.0.1:1/"));
        assertTrue(errors.toString().contains("--frobnicate"), errors.toString());
        assertEquals(2, new CommandLine(new Cli.Options()).setErr(new PrintWriter(new StringWriter(), true)).execute(),
                "no address is a usage error");
    }
}
