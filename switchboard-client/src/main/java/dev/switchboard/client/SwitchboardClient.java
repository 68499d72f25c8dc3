package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.FileContent;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.HistoryView;
import dev.switchboard.protocol.RoomView;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.WebSocketContainer;
import java.lang.System.Logger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A Switchboard connection that survives restarts and fail-over without the application noticing:
 * Mixer's {@code Socket}, in Java.
 *
 * <p>Built from a list of addresses, it starts on a random one and moves to the next on every failure,
 * waiting an exponential back-off with full jitter. Calls made while it is not connected are spooled
 * (bounded, in order, each with its own deadline counted from the call). After every reconnect it
 * waits for {@code welcome}, replays {@code auth}, re-joins every room the application joined, and
 * only then drains the spool. A {@code say} or {@code tell} that was sent and not answered when the connection
 * dropped is sent again with its idempotency key, and the server makes sure it is published once; any other call
 * that was sent and not answered fails with {@link ConnectionLostException}: it is never sent twice. After a quiet period it pings, and a
 * connection that does not answer is replaced. The server's {@code end} event is honoured.
 *
 * <p>It uses only the Jakarta WebSocket client API, so it runs inside a server (the container's
 * WebSocket client, scheduling on an injected {@code ManagedScheduledExecutorService}) and in plain
 * Java (Tyrus's standalone client, with its own daemon scheduler). Thread-safe.
 *
 * <p>This class is the API; behind it, {@code ClientCore} is the state machine (status and the current link,
 * under one lock) over parts with one job each: {@code Link} (one WebSocket), {@code Calls} (correlation
 * and the spool), {@code Reconnector} (addresses and back-off), {@code Resumption} (re-auth and re-join
 * with {@code since}), {@code KeepAlive}, {@code Listeners}; the options are one value ({@code ClientOptions}).
 */
public final class SwitchboardClient implements AutoCloseable {

    /**
     * The pseudo-event a client fires after it re-joined a room by itself (after a reconnect or a
     * fail-over): the {@code roomAdd} reply, whose {@code recovered} says whether the messages missed
     * meanwhile were replayed, or ({@code false}, with a {@code reason}) that the application must reload.
     */
    public static final String REJOINED = "rejoined";

    /** Made once: {@code Json.createObjectBuilder()} and friends look the JSON provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClientCore core;

    private SwitchboardClient(ClientOptions options) {
        this.core = new ClientCore(options);
    }

    /** A builder for a client of these addresses, for example {@code ws://host:8080/switchboard/socket}. */
    public static Builder builder(String... addresses) {
        List<URI> uris = new ArrayList<>();
        for (String address : addresses) {
            uris.add(URI.create(address));
        }
        return builder(uris);
    }

    public static Builder builder(List<URI> addresses) {
        return new Builder(addresses);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts connecting, to a random address of the list. Calls made before are spooled. */
    public SwitchboardClient boot() {
        core.boot();
        return this;
    }

    public Status status() {
        return core.status();
    }

    /** Connected, authenticated and back in its rooms. */
    public boolean isConnected() {
        return status() == Status.CONNECTED;
    }

    /** Closes gracefully and for good: spooled and unanswered calls fail, no reconnect follows. */
    @Override
    public void close() {
        core.close();
    }

    // ---------------------------------------------------------------- calls

    /** Calls a method; the future completes with the reply data ({@code JsonValue.NULL} when none). */
    public CompletableFuture<JsonValue> call(String method, JsonObject params) {
        return call(method, params, CallOptions.DEFAULTS);
    }

    public CompletableFuture<JsonValue> call(String method, JsonObject params, CallOptions callOptions) {
        Objects.requireNonNull(method, "method");
        return core.call(method, params == null ? JsonValue.EMPTY_JSON_OBJECT : params, callOptions);
    }

    /** Sends a frame as it is, or spools it while not connected; no reply is awaited. */
    public CompletableFuture<JsonValue> send(Call frame) {
        return core.send(frame);
    }

    /** Authenticates as a guest: only where the server runs with {@code switchboard.auth.guest=true} (development). */
    public CompletableFuture<JsonObject> auth(String user) {
        return object(call("auth", JSON.createObjectBuilder().add("user", user).build()));
    }

    public CompletableFuture<JsonObject> auth(String user, String key) {
        return object(call("auth", JSON.createObjectBuilder().add("user", user).add("key", key).build()));
    }

    public CompletableFuture<JsonObject> authToken(String token) {
        return object(call("auth", JSON.createObjectBuilder().add("token", token).build()));
    }

    public CompletableFuture<JsonObject> roomAdd(String room) {
        return object(call("roomAdd", Resumption.room(room)));
    }

    public CompletableFuture<JsonObject> roomLeave(String room) {
        return object(call("roomLeave", Resumption.room(room)));
    }

    public CompletableFuture<JsonObject> roomView(String room) {
        return object(call("roomView", Resumption.room(room)));
    }

    public CompletableFuture<JsonObject> say(String room, String message) {
        return say(room, JSON.createValue(message));
    }

    /**
     * Says a message in a room, exactly once: the call carries a new idempotency key, and if its connection drops before
     * the reply it is sent again with the same key on the next one (after a reconnect or a fail-over), where the
     * server answers a repeat with the original's reply ({@code repeated: true}) and sends nothing twice. It fails only
     * when its deadline passes or the client closes. The reply has the message's {@code position}.
     */
    public CompletableFuture<JsonObject> say(String room, JsonValue message) {
        return object(call("say", JSON.createObjectBuilder().add("room", room).add("message", message).add("key", core.nextKey())
                .build()));
    }

    /** A direct message to a connection id or a user, on any node; exactly once, as {@link #say(String, JsonValue)}. */
    public CompletableFuture<JsonObject> tell(String to, JsonValue message) {
        return object(call("tell", JSON.createObjectBuilder().add("to", to).add("message", message).add("key", core.nextKey())
                .build()));
    }

    /** Runs an application action. */
    public CompletableFuture<JsonValue> action(String action, JsonObject params) {
        return call("action", JSON.createObjectBuilder().add("action", action)
                .add("params", params == null ? JsonValue.EMPTY_JSON_OBJECT : params).build());
    }

    /** A call whose reply data is read into a record (or any type JSON-B reads), e.g. {@code RoomView.class}. */
    public <T> CompletableFuture<T> call(String method, JsonObject params, Class<T> type) {
        return call(method, params).thenApply(data -> Events.read(data, type));
    }

    /** Joins a room to listen: {@code roomAdd}'s alias of the faye era; re-joined after a reconnect like it. */
    public CompletableFuture<JsonObject> listenToRoom(String room) {
        return object(call("listenToRoom", Resumption.room(room)));
    }

    /** Leaves a room: {@code roomLeave}'s alias. */
    public CompletableFuture<JsonObject> silenceRoom(String room) {
        return object(call("silenceRoom", Resumption.room(room)));
    }

    /** Joins this room and leaves every other. */
    public CompletableFuture<JsonObject> roomChange(String room) {
        return object(call("roomChange", Resumption.room(room)));
    }

    /** Who is in a room, as a record. */
    public CompletableFuture<RoomView> view(String room) {
        return call("roomView", Resumption.room(room), RoomView.class);
    }

    /** The room's last messages (at most {@code limit}, oldest first), as the events they were. */
    public CompletableFuture<HistoryView> history(String room, int limit) {
        return call("history", JSON.createObjectBuilder().add("room", room).add("limit", limit).build(), HistoryView.class);
    }

    /** What the server offers: its actions and their parameters. */
    public CompletableFuture<JsonObject> documentation() {
        return object(call("documentation", JsonValue.EMPTY_JSON_OBJECT));
    }

    /** A public file of the server, by name. */
    public CompletableFuture<FileContent> file(String name) {
        return call("file", JSON.createObjectBuilder().add("file", name).build(), FileContent.class);
    }

    public CompletableFuture<JsonObject> detailsView() {
        return object(call("detailsView", JsonValue.EMPTY_JSON_OBJECT));
    }

    public CompletableFuture<JsonObject> ping() {
        return object(call("ping", JsonValue.EMPTY_JSON_OBJECT));
    }

    // ---------------------------------------------------------------- listeners

    /** Listens to a server event by name ({@code say}, {@code join}, …); gets its data. */
    public Subscription on(String event, Consumer<JsonValue> listener) {
        return core.listeners().onEvent(event, listener);
    }

    /**
     * Listens to a server event as a record: {@code on(Events.SayEvent.class, say -> …)}, for every record of
     * {@link Events}. Read only when such a listener is there; beside {@link #on(String, Consumer)}.
     */
    public <T> Subscription on(Class<T> type, Consumer<T> listener) {
        Objects.requireNonNull(listener, "listener");
        return core.listeners().onEvent(Events.nameOf(type), data -> listener.accept(Events.read(data, type)));
    }

    /** Connected, authenticated and back in its rooms (after every reconnect too). */
    public Subscription onConnected(Runnable listener) {
        return Listeners.add(core.listeners().connected, listener);
    }

    public Subscription onClosed(Consumer<CloseReason> listener) {
        return Listeners.add(core.listeners().closed, listener);
    }

    /**
     * Frames that cannot be parsed, a reply that matches no call ({@code NOT_FOUND}: it timed out already, or the server
     * answered twice), {@link AuthenticationFailedException}, refusals tried again, give-ups.
     */
    public Subscription onError(Consumer<Throwable> listener) {
        return Listeners.add(core.listeners().errors, listener);
    }

    /** Every frame received, parsed, before it is handled. */
    public Subscription onPacket(Consumer<Frame> listener) {
        return Listeners.add(core.listeners().packets, listener);
    }

    /** Every frame handed to the socket. */
    public Subscription onSent(Consumer<Call> listener) {
        return Listeners.add(core.listeners().sent, listener);
    }

    /** Every frame kept for later because the client is not connected. */
    public Subscription onSpooled(Consumer<Call> listener) {
        return Listeners.add(core.listeners().spooled, listener);
    }

    /** Before each reconnect attempt: how long it waits and where it goes. */
    public Subscription onReconnecting(BiConsumer<Duration, URI> listener) {
        return Listeners.add(core.listeners().reconnecting, listener);
    }

    private static CompletableFuture<JsonObject> object(CompletableFuture<JsonValue> data) {
        return data.thenApply(value -> value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
    }

    /** How a client connects, retries and waits. Every option has a default; see {@code docs/client.md}. */
    public static final class Builder {
        private final List<URI> addresses;
        private Duration backoffFloor = Duration.ofMillis(500);
        private Duration backoffCap = Duration.ofSeconds(30);
        private int maxAttempts;
        private int spoolSize = 1000;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration pingAfterQuiet = Duration.ofSeconds(15);
        private Duration pingTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private WebSocketContainer container;
        private ScheduledExecutorService scheduler;
        private Random random = new Random();
        private Supplier<CompletionStage<String>> tokens;

        private Builder(List<URI> addresses) {
            if (addresses == null || addresses.isEmpty()) {
                throw new IllegalArgumentException("expected at least one address, got none");
            }
            for (URI address : addresses) {
                if (!"ws".equals(address.getScheme()) && !"wss".equals(address.getScheme())) {
                    throw new IllegalArgumentException("expected a ws:// or wss:// address, got " + address);
                }
            }
            this.addresses = List.copyOf(addresses);
        }

        /** Shortest wait before a reconnect (default 500 ms). */
        public Builder backoffFloor(Duration floor) {
            this.backoffFloor = floor;
            return this;
        }

        /** Longest wait before a reconnect (default 30 s). */
        public Builder backoffCap(Duration cap) {
            this.backoffCap = cap;
            return this;
        }

        /** Reconnect attempts in a row before giving up (ABORTED); 0, the default, never gives up. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** Calls kept while not connected (default 1000); beyond it a call fails at once. */
        public Builder spoolSize(int size) {
            this.spoolSize = size;
            return this;
        }

        /** Default time for a call to get its reply, counted from the call (default 30 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** Ping after this long without a frame from the server (default 15 s, as Mixer). */
        public Builder pingAfterQuiet(Duration quiet) {
            this.pingAfterQuiet = quiet;
            return this;
        }

        /** How long the keep-alive ping may take before the connection is replaced (default 5 s). */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = timeout;
            return this;
        }

        /** How long a connect attempt may take until {@code welcome} before the next address is tried (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The WebSocket client container (default: the one {@code ContainerProvider} gives, shared). */
        public Builder container(WebSocketContainer container) {
            this.container = container;
            return this;
        }

        /**
         * Where timers, reconnects and sends run. Inside a server, pass the injected
         * {@code ManagedScheduledExecutorService}; by default the client has its own four daemon threads.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The source of the start address and the jitter, for repeatable tests. */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /**
         * Where the client's tokens come from: with it, the client authenticates by itself — on every connection, the first
         * included, it asks for a token and sends it with {@code auth} before the rooms and the spool — and when the server
         * warns that the token expires ({@code tokenExpiring}) it asks again and sends {@code auth} on the same connection.
         * A supplier that fails, or a refusal that says nothing of the token ({@code UNAVAILABLE}, {@code INTERNAL},
         * {@code RATE_LIMITED}), is tried again on the next connection; a token refused gives up
         * ({@link AuthenticationFailedException}). Credentials that are no token ({@link #auth(String, String)}) are
         * replayed as they are. Typically a call to the identity provider's token endpoint with a refresh token.
         */
        public Builder tokens(Supplier<CompletionStage<String>> tokens) {
            this.tokens = tokens;
            return this;
        }

        public SwitchboardClient build() {
            return new SwitchboardClient(new ClientOptions(addresses, backoffFloor, backoffCap, maxAttempts, spoolSize,
                    callTimeout, pingAfterQuiet, pingTimeout, connectTimeout, container, scheduler, random, tokens));
        }
    }
}
