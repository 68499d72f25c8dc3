package com.example.agent;

import dev.switchboard.client.SwitchboardClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The help desk's agent: signs in to {@code examples/helpdesk}'s socket, joins the board ({@code tickets}) and prints
 * every ticket event the application sends there, one line each, until it has seen {@code --max-events} of them or
 * {@code --seconds} have passed (without either, until it is stopped). The client reconnects by itself, signs in
 * again and re-joins the board; events missed meanwhile are replayed.
 *
 * <pre>
 * HELPDESK_TOKEN=&lt;token&gt; java -jar helpdesk-agent.jar [--max-events N] [--seconds S] ws://localhost:8080/helpdesk/socket
 * java -jar helpdesk-agent.jar --user ann ws://…    (a development guest, where the server lets them in)
 * </pre>
 *
 * <p>Exit status: 0 when done, 1 when the time ran out before {@code --max-events} events, 2 on a bad command line
 * or a refused sign-in.
 */
public final class HelpdeskAgent {

    /** The board's room, where the application sends its ticket events. */
    static final String BOARD = "tickets";

    /** The events of the application's own names that the agent prints. */
    static final List<String> TICKET_EVENTS = List.of("ticket-created", "ticket-assigned", "ticket-closed");

    private static final String USAGE = "usage: HelpdeskAgent [--token T | --user U] [--max-events N] [--seconds S] ADDRESS"
            + " (the token may come from the environment: HELPDESK_TOKEN)";

    private HelpdeskAgent() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        String token = System.getenv("HELPDESK_TOKEN");
        String user = null;
        int maxEvents = 0;
        long seconds = 0;
        String address = null;
        try {
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    address = args[i];
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i++]) {
                    case "--token" -> token = value;
                    case "--user" -> user = value;
                    case "--max-events" -> maxEvents = Integer.parseInt(value);
                    case "--seconds" -> seconds = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (address == null || (token == null && user == null)) {
            System.err.println(USAGE);
            return 2;
        }

        CountDownLatch remaining = new CountDownLatch(maxEvents > 0 ? maxEvents : 1);
        boolean bounded = maxEvents > 0;
        try (SwitchboardClient client = SwitchboardClient.builder(address).build()) {
            for (String event : TICKET_EVENTS) {
                client.on(event, data -> {
                    System.out.println(describe(event, data.asJsonObject()));
                    if (bounded) {
                        remaining.countDown();
                    }
                });
            }
            client.boot();
            JsonObject me;
            try {
                me = (user != null ? client.auth(user) : client.authToken(token)).join();
                client.roomAdd(BOARD).join();
            } catch (CompletionException e) {
                System.err.println("could not sign in and join " + BOARD + ": " + e.getCause().getMessage());
                return 2;
            }
            System.out.println("watching " + BOARD + " as " + me.getString("user"));
            if (seconds > 0) {
                if (!remaining.await(seconds, TimeUnit.SECONDS) && bounded) {
                    System.out.println("stopped after " + seconds + " s with " + (maxEvents - remaining.getCount()) + " of " + maxEvents + " events");
                    return 1;
                }
            } else {
                remaining.await();
            }
            return 0;
        }
    }

    /** One line: {@code ticket-created #17 "Printer on fire" OPEN, ann → bob (position 4)}. */
    static String describe(String event, JsonObject data) {
        JsonObject ticket = data.getJsonObject("data");
        String people = ticket.getString("reporter") + (ticket.containsKey("assignee") ? " → " + ticket.getString("assignee") : "");
        JsonObject position = data.getJsonObject("position");
        return event + " #" + ticket.getJsonNumber("id") + " \"" + ticket.getString("title") + "\" " + ticket.getString("status") + ", "
                + people + (position == null ? "" : " (position " + position.getJsonNumber("offset") + ")");
    }
}
