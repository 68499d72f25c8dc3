package dev.switchboard.client;

import static dev.switchboard.client.ClientTestSupport.client;
import static dev.switchboard.client.ClientTestSupport.until;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.server.InProcessServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line client's commands, against an in-process server. */
class CliTest {

    private final InProcessServer server = InProcessServer.start();
    private final SwitchboardClient client = client(server).build();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Cli cli = new Cli(client, out);

    @AfterEach
    void stop() {
        client.close();
        server.close();
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
}
