package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.protocol.FrameCodec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conversations of {@code switchboard-protocol/conversations} (its README is the format) replayed against the
 * Java client over a real socket, each against a {@link ScriptedServer}; the browser client replays the same files
 * ({@code switchboard-js/conversations.test.mjs}), so that the two clients cannot drift apart.
 */
class ConversationTest {

    private static final Path CORPUS = Path.of("../switchboard-protocol/conversations");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TestFactory
    Stream<DynamicTest> everyConversationOfTheCorpus() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(CORPUS)) {
            files = listed.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            fail("no conversations in " + CORPUS.toAbsolutePath());
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file)));
    }

    private static void replay(Path file) throws IOException {
        JsonObject conversation = Json.createReader(new StringReader(Files.readString(file))).readObject();
        try (ScriptedServer server = new ScriptedServer(); Replay replay = new Replay(server, conversation)) {
            List<JsonObject> steps = conversation.getJsonArray("steps").getValuesAs(JsonObject.class);
            for (int i = 0; i < steps.size(); i++) {
                try {
                    replay.run(steps.get(i));
                } catch (AssertionError e) {
                    throw new AssertionError(file.getFileName() + ", step " + (i + 1) + " " + steps.get(i) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** One conversation under way: the client, what it did (by kind, in order), and the variables bound so far. */
    private static final class Replay implements AutoCloseable {
        private final ScriptedServer server;
        private final SwitchboardClient client;
        private final FrameCodec codec = new FrameCodec();
        private final Map<String, List<Object>> records = new ConcurrentHashMap<>();
        private final Map<String, Integer> read = new HashMap<>();
        private final Map<String, JsonValue> variables = new HashMap<>();
        private final Map<String, CompletableFuture<JsonValue>> calls = new HashMap<>();

        Replay(ScriptedServer server, JsonObject conversation) {
            this.server = server;
            JsonObject options = conversation.getJsonObject("options") == null ? JsonValue.EMPTY_JSON_OBJECT
                    : conversation.getJsonObject("options");
            SwitchboardClient.Builder builder = SwitchboardClient.builder(List.of(server.uri()))
                    .backoffFloor(millis(options, "backoffFloorMs", 10)).backoffCap(millis(options, "backoffCapMs", 50))
                    .callTimeout(millis(options, "callTimeoutMs", 5000)).connectTimeout(millis(options, "connectTimeoutMs", 5000))
                    .pingAfterQuiet(millis(options, "pingAfterQuietMs", 60_000)).pingTimeout(millis(options, "pingTimeoutMs", 5000))
                    .spoolSize(options.getInt("spoolSize", 1000)).maxAttempts(options.getInt("maxAttempts", 0));
            if (options.get("tokens") instanceof jakarta.json.JsonArray tokens) { // the application's token supplier: these, one per call
                java.util.Deque<String> left = new java.util.concurrent.ConcurrentLinkedDeque<>(
                        tokens.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
                builder.tokens(() -> { // "!fail": the supplier fails this time
                    String token = left.poll();
                    return "!fail".equals(token)
                            ? java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("the identity provider is down"))
                            : java.util.concurrent.CompletableFuture.completedFuture(token);
                });
            }
            client = builder.build();
            Set<String> events = new TreeSet<>();
            for (JsonObject step : conversation.getJsonArray("steps").getValuesAs(JsonObject.class)) {
                if ("event".equals(step.getString("expect", ""))) {
                    events.add(step.getString("event"));
                }
            }
            events.forEach(event -> client.on(event, data -> record("event:" + event, data))); // one listener a name
            client.onSpooled(call -> record("spooled", codec.parse(codec.encode(call))));
            client.onError(error -> record("error", code(error)));
            client.onConnected(() -> record("connected", JsonValue.TRUE));
            client.onClosed(reason -> record("closed", reason.getCloseCode().getCode()));
            client.onReconnecting((delay, address) -> record("reconnecting", delay.toMillis()));
        }

        private static Duration millis(JsonObject options, String name, int otherwise) {
            return Duration.ofMillis(options.getInt(name, otherwise));
        }

        private void record(String kind, Object what) {
            records.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(what);
        }

        void run(JsonObject step) {
            if (step.containsKey("app")) {
                app(step);
            } else if (step.containsKey("server")) {
                server(step);
            } else {
                expect(step, Duration.ofMillis(step.getInt("withinMs", (int) WAIT.toMillis())));
            }
        }

        private void app(JsonObject step) {
            switch (step.getString("app")) {
                case "boot" -> client.boot();
                case "close" -> client.close();
                case "call" -> {
                    CallOptions options = step.getBoolean("noReply", false) ? CallOptions.noReplyCall() : CallOptions.DEFAULTS;
                    if (step.containsKey("timeoutMs")) {
                        options = options.withTimeout(Duration.ofMillis(step.getInt("timeoutMs")));
                    }
                    JsonObject params = step.getJsonObject("params") == null ? JsonValue.EMPTY_JSON_OBJECT : step.getJsonObject("params");
                    calls.put(step.getString("as"), client.call(step.getString("method"), params, options));
                }
                default -> fail("no such app step");
            }
        }

        private void server(JsonObject step) {
            switch (step.getString("server")) {
                case "send" -> server.send(bound(step.get("frame")).toString());
                case "sendText" -> server.send(step.getString("text"));
                case "close" -> server.close(step.getInt("code"), step.getString("reason", ""));
                default -> fail("no such server step");
            }
        }

        private void expect(JsonObject step, Duration within) {
            String kind = step.getString("expect");
            switch (kind) {
                case "connect" -> next("connect", within, () -> List.copyOf(server.connections()));
                case "frame" -> {
                    JsonValue sent = codec.parse((String) next("frame@" + server.connections().size(), within,
                            () -> server.connections().isEmpty() ? List.of() : server.newest().received()));
                    if (!sameFrame(step.get("frame"), sent)) {
                        fail("expected the frame " + step.get("frame") + ", the client sent " + sent);
                    }
                }
                case "spooled" -> {
                    JsonValue spooled = (JsonValue) next("spooled", within, () -> recorded("spooled"));
                    if (!sameFrame(step.get("frame"), spooled)) {
                        fail("expected the spooled frame " + step.get("frame") + ", got " + spooled);
                    }
                }
                case "event" -> {
                    String event = "event:" + step.getString("event");
                    JsonValue data = (JsonValue) next(event, within, () -> recorded(event));
                    holds(step.get("data"), data, "the " + step.getString("event") + " event");
                }
                case "result", "failure" -> settled(step, kind, within);
                case "error" -> equal(step.getString("code"), next("error", within, () -> recorded("error")), "the error's code");
                case "connected" -> next("connected", within, () -> recorded("connected"));
                case "closed" -> {
                    Object code = next("closed", within, () -> recorded("closed"));
                    if (step.containsKey("code")) {
                        equal(step.getInt("code"), code, "the close code");
                    }
                }
                case "reconnecting" -> {
                    Object delay = next("reconnecting", within, () -> recorded("reconnecting"));
                    if (step.containsKey("delayMs")) {
                        equal(step.getJsonNumber("delayMs").longValue(), delay, "the delay");
                    }
                }
                case "status" -> {
                    String status = step.getString("status");
                    until(within, () -> client.status().name().equals(status) ? List.of(status) : List.of(), 0);
                }
                default -> fail("no such expectation");
            }
        }

        private void settled(JsonObject step, String kind, Duration within) {
            CompletableFuture<JsonValue> call = calls.get(step.getString("of"));
            try {
                JsonValue data = call.get(within.toMillis(), TimeUnit.MILLISECONDS);
                if (kind.equals("failure")) {
                    fail("expected the call to fail with " + step.getString("code") + ", it succeeded with " + data);
                }
                if (step.containsKey("data")) {
                    holds(step.get("data"), data, "the result");
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (kind.equals("result")) {
                    fail("expected the call to succeed, it failed with " + e.getCause());
                }
                equal(step.getString("code"), code(e.getCause()), "the failure's code (" + e.getCause() + ")");
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the call did not end within " + within.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }

        private List<Object> recorded(String kind) {
            return records.getOrDefault(kind, List.of());
        }

        /** The next record of a kind, waiting for it: records of a kind are read in order. */
        private Object next(String kind, Duration within, Supplier<List<?>> source) {
            int index = read.getOrDefault(kind, 0);
            Object found = until(within, source, index);
            read.put(kind, index + 1);
            return found;
        }

        private static Object until(Duration within, Supplier<List<?>> source, int index) {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                List<?> records = source.get();
                if (records.size() > index) {
                    return records.get(index);
                }
                if (System.nanoTime() > deadline) {
                    fail("nothing within " + within.toMillis() + " ms; recorded: " + records);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a bounded poll
            }
        }

        /** A frame exactly: the same JSON, where null and absent are the same; "$name" binds or must equal. */
        private boolean sameFrame(JsonValue expected, JsonValue actual) {
            if (expected instanceof JsonString string && string.getString().startsWith("$")) {
                String name = string.getString().substring(1);
                JsonValue bound = variables.putIfAbsent(name, actual);
                return bound == null || equalJson(bound, actual);
            }
            if (expected instanceof JsonObject object && actual instanceof JsonObject other) {
                Set<String> names = new TreeSet<>(object.keySet());
                names.addAll(other.keySet());
                return names.stream().allMatch(name -> sameFrame(orNull(object.get(name)), orNull(other.get(name))));
            }
            if (expected instanceof JsonArray array && actual instanceof JsonArray other) {
                if (array.size() != other.size()) {
                    return false;
                }
                for (int i = 0; i < array.size(); i++) {
                    if (!sameFrame(array.get(i), other.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return equalJson(expected, actual);
        }

        /** The actual value holds every field given, recursively. */
        private void holds(JsonValue expected, JsonValue actual, String what) {
            if (!holding(bound(orNull(expected)), orNull(actual))) {
                fail("expected " + what + " to hold " + expected + ", got " + actual);
            }
        }

        private static boolean holding(JsonValue expected, JsonValue actual) {
            if (expected instanceof JsonObject object) {
                return actual instanceof JsonObject other && object.entrySet().stream()
                        .allMatch(field -> other.containsKey(field.getKey()) && holding(field.getValue(), other.get(field.getKey())));
            }
            if (expected instanceof JsonArray array) {
                if (!(actual instanceof JsonArray other) || array.size() != other.size()) {
                    return false;
                }
                for (int i = 0; i < array.size(); i++) {
                    if (!holding(array.get(i), other.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return equalJson(expected, actual);
        }

        private static boolean equalJson(JsonValue a, JsonValue b) {
            if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
                return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
            }
            return Objects.equals(a, b);
        }

        private static JsonValue orNull(JsonValue value) {
            return value == null ? JsonValue.NULL : value;
        }

        /** The value with every "$name" replaced by what it is bound to. */
        private JsonValue bound(JsonValue value) {
            if (value instanceof JsonString string && string.getString().startsWith("$")) {
                JsonValue bound = variables.get(string.getString().substring(1));
                if (bound == null) {
                    fail("the variable " + string.getString() + " is not bound yet");
                }
                return bound;
            }
            if (value instanceof JsonObject object) {
                JsonObjectBuilder copy = Json.createObjectBuilder();
                object.forEach((name, field) -> copy.add(name, bound(field)));
                return copy.build();
            }
            if (value instanceof JsonArray array) {
                JsonArrayBuilder copy = Json.createArrayBuilder();
                array.forEach(item -> copy.add(bound(item)));
                return copy.build();
            }
            return value;
        }

        private static void equal(Object expected, Object actual, String what) {
            boolean same = expected instanceof Number n && actual instanceof Number m ? n.longValue() == m.longValue()
                    : Objects.equals(expected, actual);
            if (!same) {
                fail("expected " + what + " " + expected + ", got " + actual);
            }
        }

        /** A failure's code as the corpus names it (README, "Codes"). */
        private static String code(Throwable failure) {
            if (failure instanceof ConnectionLostException) {
                return "CONNECTION_LOST";
            } else if (failure instanceof CallTimeoutException) {
                return "TIMEOUT";
            } else if (failure instanceof ClientClosedException) {
                return "CLOSED";
            } else if (failure instanceof SpoolFullException) {
                return "SPOOL_FULL";
            } else if (failure instanceof AuthenticationFailedException) {
                return "AUTHENTICATION_FAILED";
            } else if (failure instanceof SwitchboardException switchboard) {
                return switchboard.code().name();
            }
            return failure.getClass().getSimpleName();
        }

        @Override
        public void close() {
            client.close();
            codec.close();
        }
    }
}
