package dev.switchboard.cli;

import dev.switchboard.client.SwitchboardClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A line client: {@code java -jar switchboard-cli.jar ws://host:8080/switchboard/socket [more addresses]}.
 *
 * <p>Commands: {@code /join ROOM}, {@code /leave [ROOM]}, {@code /who [ROOM]}, {@code /tell TO MESSAGE},
 * {@code /quit}; any other line is said to the current room (the last one joined). Connection state
 * changes and events are printed as they come. Each command waits for its reply before the next line
 * is read, so a script piped to standard input runs in order; end of input quits. The options
 * ({@code --help}, {@code --version}, {@code --token}, {@code --user}, {@code --join}) are picocli's.
 */
public final class Cli {

    /** Made once: {@code Json.createObjectBuilder()} and friends look the JSON provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Duration REPLY_WAIT = Duration.ofSeconds(60);

    private final SwitchboardClient client;
    private final PrintStream out;
    private String room;

    Cli(SwitchboardClient client, PrintStream out) {
        this.client = client;
        this.out = out;
        client.onConnected(() -> out.println("* connected"));
        client.onClosed(reason -> out.println("* disconnected (" + reason.getCloseCode().getCode() + ")"));
        client.onReconnecting((delay, address) -> out.println("* reconnecting to " + address + " in " + delay.toMillis() + " ms"));
        client.onError(error -> out.println("* error: " + error.getMessage()));
        client.on("say", data -> {
            JsonObject say = data.asJsonObject();
            out.println("[" + say.getString("room") + "] " + who(say.getJsonObject("from")) + ": " + text(say.get("message")));
        });
        client.on("join", data -> out.println("* " + who(data.asJsonObject().getJsonObject("member")) + " joined "
                + data.asJsonObject().getString("room")));
        client.on("leave", data -> out.println("* " + who(data.asJsonObject().getJsonObject("member")) + " left "
                + data.asJsonObject().getString("room")));
        client.on("tell", data -> out.println("(tell) " + data));
        client.on("alert", data -> out.println("(alert) " + data));
        client.on("error", data -> out.println("* server error: " + data));
    }

    /** The command line: the addresses, and what to do once connected. */
    @Command(name = "switchboard-cli", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "A line client for Switchboard: /auth USER, /join ROOM, then type to talk; /who, /leave,"
                    + " /tell TO MESSAGE, /quit. Reads standard input, so a script can be piped to it.")
    static final class Options implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "ADDRESS",
                description = "ws:// or wss:// address of the endpoint; several for fail-over, e.g. ws://localhost:8080/switchboard/socket")
        List<URI> addresses;

        @Option(names = "--token", paramLabel = "TOKEN", description = "authenticate with this token once connected")
        String token;

        @Option(names = "--user", paramLabel = "USER", description = "authenticate as this user (a development guest, or with --key)")
        String user;

        @Option(names = "--key", paramLabel = "KEY", description = "the key of --user")
        String key;

        @Option(names = {"-j", "--join"}, paramLabel = "ROOM", description = "join this room once connected (repeatable; the last is where lines go)")
        List<String> rooms = List.of();

        @Override
        public Integer call() throws IOException {
            try (SwitchboardClient client = SwitchboardClient.builder(addresses).build()) {
                Cli cli = new Cli(client, System.out);
                client.boot();
                if (token != null) {
                    cli.handle("/token " + token);
                } else if (user != null) {
                    cli.handle("/auth " + user + (key == null ? "" : " " + key));
                }
                for (String room : rooms) {
                    cli.handle("/join " + room);
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    if (!cli.handle(line.strip())) {
                        break;
                    }
                }
            }
            return 0;
        }
    }

    /** {@code --version}: the jar's {@code Implementation-Version}, which the build writes into the manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard-cli " + (version == null ? "(development build)" : version)};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    /** Runs one line; false when the user quits. */
    boolean handle(String line) {
        if (line.isEmpty()) {
            return true;
        }
        String[] words = line.split("\\s+", 3);
        switch (words[0]) {
            case "/quit" -> {
                return false;
            }
            case "/join" -> {
                if (words.length < 2) {
                    out.println("* usage: /join ROOM");
                } else if (await(client.roomAdd(words[1])) != null) {
                    room = words[1];
                    out.println("* in " + room);
                }
            }
            case "/leave" -> {
                String target = words.length > 1 ? words[1] : room;
                if (target != null && await(client.roomLeave(target)) != null && target.equals(room)) {
                    room = null;
                }
            }
            case "/who" -> {
                String target = words.length > 1 ? words[1] : room;
                JsonObject view = target == null ? null : await(client.roomView(target));
                if (view != null) {
                    StringBuilder members = new StringBuilder();
                    for (JsonValue member : view.getJsonArray("members")) {
                        members.append(members.length() == 0 ? "" : ", ").append(who(member.asJsonObject()));
                    }
                    out.println("* " + view.getInt("membersCount") + " in " + target + ": " + members);
                }
            }
            case "/auth" -> authenticate(words.length < 2 ? null
                    : words.length > 2 ? client.auth(words[1], words[2]) : client.auth(words[1]), "/auth USER [KEY]  (a guest needs no key)");
            case "/token" -> authenticate(words.length < 2 ? null : client.authToken(words[1]), "/token TOKEN");
            case "/tell" -> {
                if (words.length < 3) {
                    out.println("* usage: /tell TO MESSAGE");
                } else {
                    await(client.tell(words[1], JSON.createValue(words[2])));
                }
            }
            default -> {
                if (line.startsWith("/")) {
                    out.println("* commands: /auth USER [KEY], /token TOKEN, /join ROOM, /leave [ROOM], /who [ROOM],"
                            + " /tell TO MESSAGE, /quit");
                } else if (room == null) {
                    out.println("* join a room first: /join ROOM");
                } else {
                    await(client.say(room, line));
                }
            }
        }
        return true;
    }

    private void authenticate(CompletableFuture<JsonObject> call, String usage) {
        if (call == null) {
            out.println("* usage: " + usage);
            return;
        }
        JsonObject auth = await(call);
        if (auth != null) {
            out.println("* you are " + auth.getString("user"));
        }
    }

    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            out.println("* " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            out.println("* no reply within " + REPLY_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static String who(JsonObject peer) {
        JsonValue user = peer.get("user");
        return user instanceof JsonString name ? name.getString() : peer.getString("id");
    }

    private static String text(JsonValue message) {
        return message instanceof JsonString string ? string.getString() : String.valueOf(message);
    }
}
