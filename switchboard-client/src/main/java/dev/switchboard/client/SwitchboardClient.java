package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.Reply;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
 * only then drains the spool. A call that was sent and not answered when the connection dropped fails
 * with {@link ConnectionLostException}; it is never sent twice. After a quiet period it pings, and a
 * connection that does not answer is replaced. The server's {@code end} event is honoured.
 *
 * <p>It uses only the Jakarta WebSocket client API, so it runs inside a server (the container's
 * WebSocket client, scheduling on an injected {@code ManagedScheduledExecutorService}) and in plain
 * Java (Tyrus's standalone client, with its own daemon scheduler). Thread-safe.
 */
public final class SwitchboardClient implements AutoCloseable {

    /** Made once: {@code Json.createObjectBuilder()} and friends look the JSON provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());
    private static final Set<String> JOINS = Set.of("roomAdd", "listenToRoom");

    /**
     * The pseudo-event a client fires after it re-joined a room by itself (after a reconnect or a
     * fail-over): the {@code roomAdd} reply, whose {@code recovered} says whether the messages missed
     * meanwhile were replayed, or ({@code false}, with a {@code reason}) that the application must reload.
     */
    public static final String REJOINED = "rejoined";
    private static final Set<String> LEAVES = Set.of("roomLeave", "silenceRoom");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<URI> addresses;
    private final Duration callTimeout;
    private final Duration pingAfterQuiet;
    private final Duration pingTimeout;
    private final Duration connectTimeout;
    private final int spoolSize;
    private final int maxAttempts;
    private final WebSocketContainer container;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final Backoff backoff;
    private final FrameCodec codec = new FrameCodec();

    private final Map<String, List<Consumer<JsonValue>>> eventListeners = new ConcurrentHashMap<>();
    /** The last position seen per room ({@code say} events carry it), sent as {@code since} on re-join. */
    private final Map<String, JsonObject> positions = new ConcurrentHashMap<>();
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CloseReason>> closedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> errorListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Frame>> packetListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> sentListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> spooledListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Duration, URI>> reconnectingListeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong ids = new AtomicLong();
    // all guarded by lock
    private Status status = Status.IDLE;
    private Link link;
    private int addressIndex;
    private int attempts;
    private long retryAfterMillis = -1;
    private final Map<Long, PendingCall> awaiting = new HashMap<>();
    private final Deque<PendingCall> spool = new ArrayDeque<>();
    private final Set<String> rooms = new LinkedHashSet<>();
    private JsonObject authParams;
    private ScheduledFuture<?> keepAlive;

    private SwitchboardClient(Builder builder) {
        this.addresses = List.copyOf(builder.addresses);
        this.callTimeout = builder.callTimeout;
        this.pingAfterQuiet = builder.pingAfterQuiet;
        this.pingTimeout = builder.pingTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.spoolSize = builder.spoolSize;
        this.maxAttempts = builder.maxAttempts;
        this.container = builder.container != null ? builder.container : SharedContainer.get();
        this.ownScheduler = builder.scheduler == null;
        this.scheduler = ownScheduler ? Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-client-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }) : builder.scheduler;
        this.backoff = new Backoff(builder.backoffFloor, builder.backoffCap, builder.random);
        this.addressIndex = builder.random.nextInt(addresses.size());
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
        URI first;
        lock.lock();
        try {
            if (status != Status.IDLE) {
                throw new IllegalStateException("boot() once, on an IDLE client; it is " + status);
            }
            status = Status.CONNECTING;
            first = addresses.get(addressIndex);
            long tick = Math.max(50, pingAfterQuiet.toMillis() / 4);
            keepAlive = scheduler.scheduleWithFixedDelay(this::keepAliveTick, tick, tick, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
        scheduler.execute(() -> connect(first));
        return this;
    }

    public Status status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** Connected, authenticated and back in its rooms. */
    public boolean isConnected() {
        return status() == Status.CONNECTED;
    }

    /** Closes gracefully and for good: spooled and unanswered calls fail, no reconnect follows. */
    @Override
    public void close() {
        Link closing;
        List<PendingCall> failed;
        lock.lock();
        try {
            if (status == Status.CLOSED || status == Status.ABORTED || status == Status.CLOSING) {
                return;
            }
            status = Status.CLOSING;
            closing = link;
            failed = takeAllPending();
        } finally {
            lock.unlock();
        }
        failAll(failed, Status.CLOSED);
        if (closing != null) {
            closing.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "client closed"));
        }
        finish(Status.CLOSED);
    }

    // ---------------------------------------------------------------- calls

    /** Calls a method; the future completes with the reply data ({@code JsonValue.NULL} when none). */
    public CompletableFuture<JsonValue> call(String method, JsonObject params) {
        return call(method, params, CallOptions.DEFAULTS);
    }

    public CompletableFuture<JsonValue> call(String method, JsonObject params, CallOptions options) {
        Objects.requireNonNull(method, "method");
        JsonObject safeParams = params == null ? JsonValue.EMPTY_JSON_OBJECT : params;
        Long id = options.noReply() ? null : ids.incrementAndGet();
        PendingCall call = new PendingCall(id, method, safeParams, codec.encode(Call.of(id, method, safeParams)), false);
        track(call);
        submit(call, options);
        return call.future;
    }

    /** Sends a frame as it is, or spools it while not connected; no reply is awaited. */
    public CompletableFuture<JsonValue> send(Call frame) {
        PendingCall call = new PendingCall(null, frame.method(), frame.params(), codec.encode(frame), false);
        submit(call, CallOptions.noReplyCall());
        return call.future;
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
        return object(call("roomAdd", room(room)));
    }

    public CompletableFuture<JsonObject> roomLeave(String room) {
        return object(call("roomLeave", room(room)));
    }

    public CompletableFuture<JsonObject> roomView(String room) {
        return object(call("roomView", room(room)));
    }

    public CompletableFuture<JsonObject> say(String room, String message) {
        return say(room, JSON.createValue(message));
    }

    public CompletableFuture<JsonObject> say(String room, JsonValue message) {
        return object(call("say", JSON.createObjectBuilder().add("room", room).add("message", message).build()));
    }

    /** A direct message to a connection id or a user, on any node. */
    public CompletableFuture<JsonObject> tell(String to, JsonValue message) {
        return object(call("tell", JSON.createObjectBuilder().add("to", to).add("message", message).build()));
    }

    /** Runs an application action. */
    public CompletableFuture<JsonValue> action(String action, JsonObject params) {
        return call("action", JSON.createObjectBuilder().add("action", action)
                .add("params", params == null ? JsonValue.EMPTY_JSON_OBJECT : params).build());
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
        List<Consumer<JsonValue>> list = eventListeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>());
        return add(list, listener);
    }

    /** Connected, authenticated and back in its rooms (after every reconnect too). */
    public Subscription onConnected(Runnable listener) {
        return add(connectedListeners, listener);
    }

    public Subscription onClosed(Consumer<CloseReason> listener) {
        return add(closedListeners, listener);
    }

    /** Frames that cannot be parsed, unexpected replies, {@link AuthenticationFailedException}, give-ups. */
    public Subscription onError(Consumer<Throwable> listener) {
        return add(errorListeners, listener);
    }

    /** Every frame received, parsed, before it is handled. */
    public Subscription onPacket(Consumer<Frame> listener) {
        return add(packetListeners, listener);
    }

    /** Every frame handed to the socket. */
    public Subscription onSent(Consumer<String> listener) {
        return add(sentListeners, listener);
    }

    /** Every frame kept for later because the client is not connected. */
    public Subscription onSpooled(Consumer<String> listener) {
        return add(spooledListeners, listener);
    }

    /** Before each reconnect attempt: how long it waits and where it goes. */
    public Subscription onReconnecting(BiConsumer<Duration, URI> listener) {
        return add(reconnectingListeners, listener);
    }

    // ---------------------------------------------------------------- internals: calls

    private void submit(PendingCall call, CallOptions options) {
        Duration timeout = options.timeout() != null ? options.timeout() : callTimeout;
        SwitchboardException refused = null;
        boolean spooled = false;
        lock.lock();
        try {
            if (status == Status.CLOSING || status == Status.CLOSED || status == Status.ABORTED) {
                refused = new ClientClosedException(call.method, status);
            } else if (status == Status.CONNECTED || (options.force() && link != null && link.welcomed)) {
                handOver(link, call);
            } else if (options.force()) {
                refused = new SwitchboardException(ErrorCode.UNAVAILABLE,
                        "no open connection to force '" + call.method + "' onto");
            } else if (spool.size() >= spoolSize) {
                refused = new SpoolFullException(call.method, spoolSize);
            } else {
                spool.add(call);
                spooled = true;
            }
            if (refused == null) {
                call.timer = scheduler.schedule(() -> timedOut(call, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        if (refused != null) {
            call.future.completeExceptionally(refused);
        } else if (spooled) {
            fire(spooledListeners, listener -> listener.accept(call.text));
        }
    }

    /** Puts a call on a link's queue; call with the lock held. */
    private void handOver(Link target, PendingCall call) {
        if (call.id != null) {
            awaiting.put(call.id, call);
        }
        target.enqueue(call);
    }

    private void timedOut(PendingCall call, Duration timeout) {
        lock.lock();
        try {
            if (call.future.isDone()) {
                return;
            }
            spool.remove(call);
            if (call.id != null) {
                awaiting.remove(call.id);
            }
            if (link != null) {
                link.outbound.remove(call);
            }
        } finally {
            lock.unlock();
        }
        call.future.completeExceptionally(new CallTimeoutException(call.method, timeout, call.sent));
    }

    /** Keeps the rooms and the credentials the application set, to replay them after a reconnect. */
    private void track(PendingCall call) {
        JsonValue room = call.params.get("room");
        String roomName = room instanceof JsonString string ? string.getString() : null;
        call.future.thenRun(() -> {
            lock.lock();
            try {
                if (JOINS.contains(call.method) && roomName != null) {
                    rooms.add(roomName);
                } else if (LEAVES.contains(call.method) && roomName != null) {
                    rooms.remove(roomName);
                    positions.remove(roomName);
                } else if ("roomChange".equals(call.method) && roomName != null) {
                    rooms.clear();
                    positions.keySet().retainAll(Set.of(roomName));
                    rooms.add(roomName);
                } else if ("auth".equals(call.method)) {
                    authParams = call.params;
                }
            } finally {
                lock.unlock();
            }
            if ("quit".equals(call.method)) {
                close();
            }
        });
    }

    /** A call the client makes itself (replay, keep-alive); sent at once on the given link. */
    private CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params) {
        return internalCall(target, method, params, callTimeout);
    }

    private CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params, Duration timeout) {
        long id = ids.incrementAndGet();
        PendingCall call = new PendingCall(id, method, params, codec.encode(Call.of(id, method, params)), true);
        boolean open;
        lock.lock();
        try {
            open = target == link && !target.dead;
            if (open) {
                handOver(target, call);
                call.timer = scheduler.schedule(() -> timedOut(call, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        if (!open) {
            call.future.completeExceptionally(new ConnectionLostException(method));
        }
        return call.future;
    }

    // ---------------------------------------------------------------- internals: connection

    private void connect(URI uri) {
        Link next = new Link(uri);
        lock.lock();
        try {
            if (status != Status.CONNECTING) {
                return;
            }
            link = next;
        } finally {
            lock.unlock();
        }
        // the WebSocket API has no connect timeout, and a server that is half up (port open, handler
        // not yet) can hold a handshake for the container's own limit (30 s in Tyrus): move on earlier
        scheduler.schedule(() -> {
            if (!next.welcomed && !next.dead) {
                LOG.log(Level.DEBUG, "No welcome from {0} within {1} ms; trying the next address", uri, connectTimeout.toMillis());
                next.abort("no welcome within " + connectTimeout.toMillis() + " ms");
            }
        }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            container.connectToServer(next, ClientEndpointConfig.Builder.create().build(), uri);
        } catch (jakarta.websocket.DeploymentException | IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not connect to {0}: {1}", uri, e.toString());
            lost(next, null);
            return;
        }
        Status now = status();
        if (next.dead || now == Status.CLOSING || now == Status.CLOSED || now == Status.ABORTED) {
            next.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "client closed"));
        }
    }

    private void received(Link from, String text) {
        from.lastReceived = System.nanoTime();
        Frame frame;
        try {
            frame = codec.decode(text);
        } catch (FrameException e) {
            fire(errorListeners, listener -> listener.accept(new SwitchboardException(
                    ErrorCode.BAD_FRAME, "could not read a frame from the server: " + e.getMessage())));
            return;
        }
        fire(packetListeners, listener -> listener.accept(frame));
        if (frame instanceof Reply reply) {
            replied(reply);
        } else if (frame instanceof Event event) {
            JsonValue data = event.data() == null ? JsonValue.NULL : (JsonValue) event.data();
            if (EventNames.WELCOME.equals(event.event()) && !from.welcomed) {
                from.welcomed = true;
                replay(from);
            } else if (EventNames.END.equals(event.event())) {
                ended(data);
            } else if (EventNames.SAY.equals(event.event())) {
                remember(data);
            }
            List<Consumer<JsonValue>> listeners = eventListeners.get(event.event());
            if (listeners != null) {
                fire(listeners, listener -> listener.accept(data));
            }
        }
    }

    /** The last position seen in each room, to resume from after a reconnect or a fail-over. */
    private void remember(JsonValue data) {
        if (data instanceof JsonObject say && say.get("room") instanceof JsonString room
                && say.get("position") instanceof JsonObject position) {
            positions.put(room.getString(), position);
        }
    }

    private void replied(Reply reply) {
        PendingCall call;
        lock.lock();
        try {
            call = awaiting.remove(reply.id());
        } finally {
            lock.unlock();
        }
        if (call == null) {
            LOG.log(Level.DEBUG, "Reply {0} matches no waiting call (timed out already?)", reply.id());
            return;
        }
        if (call.timer != null) {
            call.timer.cancel(false);
        }
        if (reply.succeeded()) {
            call.future.complete(reply.data() == null ? JsonValue.NULL : (JsonValue) reply.data());
        } else {
            call.future.completeExceptionally(new SwitchboardException(reply.error().code(), reply.error().message()));
        }
    }

    /** After {@code welcome}: auth, then the rooms, then the spool; until then calls keep spooling. */
    private void replay(Link target) {
        JsonObject auth;
        List<String> joined;
        lock.lock();
        try {
            if (target != link) {
                return;
            }
            auth = authParams;
            joined = List.copyOf(rooms);
        } finally {
            lock.unlock();
        }
        CompletableFuture<JsonValue> authenticated = auth == null
                ? CompletableFuture.completedFuture(JsonValue.NULL)
                : internalCall(target, "auth", auth);
        authenticated.whenComplete((ok, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof SwitchboardException refused && !(cause instanceof ConnectionLostException)
                        && !(cause instanceof CallTimeoutException) && !(cause instanceof ClientClosedException)) {
                    abort(new AuthenticationFailedException(refused.code(), refused.getMessage()));
                } else if (cause instanceof CallTimeoutException) {
                    target.abort("auth replay timed out");
                }
                return;
            }
            List<CompletableFuture<JsonValue>> rejoins = new ArrayList<>();
            for (String room : joined) {
                JsonObject since = positions.get(room);
                JsonObject params = since == null ? room(room)
                        : JSON.createObjectBuilder(room(room)).add("since", since).build();
                rejoins.add(internalCall(target, "roomAdd", params).whenComplete((data, error) -> {
                    if (error != null && !(unwrap(error) instanceof ConnectionLostException)) {
                        fire(errorListeners, listener -> listener.accept(unwrap(error)));
                    } else if (error == null) {
                        List<Consumer<JsonValue>> listeners = eventListeners.get(REJOINED);
                        if (listeners != null) {
                            fire(listeners, listener -> listener.accept(data));
                        }
                    }
                }));
            }
            CompletableFuture.allOf(rejoins.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> connected(target));
        });
    }

    private void connected(Link target) {
        lock.lock();
        try {
            if (target != link || target.dead || status != Status.CONNECTING) {
                return;
            }
            status = Status.CONNECTED;
            attempts = 0;
            for (PendingCall call; (call = spool.poll()) != null; ) {
                handOver(target, call);
            }
        } finally {
            lock.unlock();
        }
        LOG.log(Level.DEBUG, "Connected to {0}", target.uri);
        fire(connectedListeners, Runnable::run);
    }

    /** A link is gone (closed, failed to open, or found dead): unsent calls go back to the spool, sent ones fail. */
    private void lost(Link gone, CloseReason reason) {
        List<PendingCall> failed = new ArrayList<>();
        Duration delay = null;
        URI next = null;
        Status after;
        lock.lock();
        try {
            if (gone.dead) {
                return;
            }
            gone.dead = true;
            if (gone != link) {
                return;
            }
            link = null;
            List<PendingCall> unsent = new ArrayList<>();
            for (PendingCall call; (call = gone.outbound.poll()) != null; ) {
                if (call.id != null) {
                    awaiting.remove(call.id);
                }
                if (call.internal) {
                    failed.add(call);
                } else {
                    unsent.add(call);
                }
            }
            failed.addAll(awaiting.values());
            awaiting.clear();
            for (int i = unsent.size() - 1; i >= 0; i--) {
                spool.addFirst(unsent.get(i));
            }
            if (status == Status.CONNECTED || status == Status.CONNECTING) {
                status = Status.CONNECTING;
                attempts++;
                if (maxAttempts > 0 && attempts > maxAttempts) {
                    next = null;
                } else {
                    delay = retryAfterMillis >= 0 ? Duration.ofMillis(retryAfterMillis) : backoff.delay(attempts);
                    retryAfterMillis = -1;
                    addressIndex = (addressIndex + 1) % addresses.size();
                    next = addresses.get(addressIndex);
                }
            }
            after = status;
        } finally {
            lock.unlock();
        }
        for (PendingCall call : failed) {
            if (call.timer != null) {
                call.timer.cancel(false);
            }
            call.future.completeExceptionally(new ConnectionLostException(call.method));
        }
        if (gone.opened) {
            CloseReason why = reason != null ? reason : new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "connection lost");
            fire(closedListeners, listener -> listener.accept(why));
        }
        if (after == Status.CONNECTING && next == null) {
            abort(new SwitchboardException(ErrorCode.UNAVAILABLE,
                    "gave up after " + maxAttempts + " reconnect attempts"));
        } else if (next != null) {
            URI target = next;
            Duration wait = delay;
            LOG.log(Level.DEBUG, "Reconnecting to {0} in {1} ms", target, wait.toMillis());
            fire(reconnectingListeners, listener -> listener.accept(wait, target));
            scheduler.schedule(() -> connect(target), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The server is going down: {@code {"reconnect": true, "retryAfterMs": …}}. */
    private void ended(JsonValue data) {
        boolean reconnect = true;
        long retryAfter = -1;
        if (data instanceof JsonObject object) {
            reconnect = !(object.get("reconnect") == JsonValue.FALSE);
            if (object.get("retryAfterMs") instanceof JsonNumber number) {
                retryAfter = Math.max(0, number.longValue());
            }
        }
        if (!reconnect) {
            close();
            return;
        }
        lock.lock();
        try {
            retryAfterMillis = retryAfter;
        } finally {
            lock.unlock();
        }
    }

    /** Gives up for good: everything pending fails, the error listeners hear why. */
    private void abort(SwitchboardException why) {
        Link closing;
        List<PendingCall> failed;
        lock.lock();
        try {
            if (status == Status.CLOSED || status == Status.ABORTED) {
                return;
            }
            status = Status.ABORTED;
            closing = link;
            link = null;
            failed = takeAllPending();
        } finally {
            lock.unlock();
        }
        LOG.log(Level.WARNING, "Switchboard client gave up: {0}", why.getMessage());
        failAll(failed, Status.ABORTED);
        if (closing != null) {
            closing.dead = true;
            closing.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "client gave up"));
        }
        fire(errorListeners, listener -> listener.accept(why));
        finish(Status.ABORTED);
    }

    private void finish(Status end) {
        lock.lock();
        try {
            status = end;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        if (ownScheduler) {
            scheduler.shutdown();
        }
    }

    /** Empties the spool and the waiting calls; call with the lock held. */
    private List<PendingCall> takeAllPending() {
        List<PendingCall> all = new ArrayList<>(spool);
        spool.clear();
        all.addAll(awaiting.values());
        awaiting.clear();
        if (link != null) {
            for (PendingCall call; (call = link.outbound.poll()) != null; ) {
                if (call.id == null) {
                    all.add(call);
                }
            }
        }
        return all;
    }

    private static void failAll(List<PendingCall> calls, Status status) {
        for (PendingCall call : calls) {
            if (call.timer != null) {
                call.timer.cancel(false);
            }
            call.future.completeExceptionally(new ClientClosedException(call.method, status));
        }
    }

    private void keepAliveTick() {
        Link current;
        lock.lock();
        try {
            current = status == Status.CONNECTED ? link : null;
        } finally {
            lock.unlock();
        }
        if (current == null || current.pinging.get()) {
            return;
        }
        long quietNanos = System.nanoTime() - current.lastReceived;
        if (quietNanos < pingAfterQuiet.toNanos() || !current.pinging.compareAndSet(false, true)) {
            return;
        }
        internalCall(current, "ping", JsonValue.EMPTY_JSON_OBJECT, pingTimeout).whenComplete((pong, failure) -> {
            current.pinging.set(false);
            if (unwrap(failure) instanceof CallTimeoutException) {
                LOG.log(Level.INFO, "No answer to a keep-alive ping from {0} within {1} ms; replacing the connection",
                        current.uri, pingTimeout.toMillis());
                current.abort("keep-alive ping unanswered");
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObject room(String room) {
        return JSON.createObjectBuilder().add("room", room).build();
    }

    private static CompletableFuture<JsonObject> object(CompletableFuture<JsonValue> data) {
        return data.thenApply(value -> value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static <T> Subscription add(List<T> listeners, T listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private static <T> void fire(List<T> listeners, Consumer<T> action) {
        for (T listener : listeners) {
            try {
                action.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A Switchboard client listener failed", e);
            }
        }
    }

    /** One call on its way: spooled, queued on a link, sent, then answered, failed or timed out. */
    private static final class PendingCall {
        final Long id;
        final String method;
        final JsonObject params;
        final String text;
        final boolean internal;
        final CompletableFuture<JsonValue> future = new CompletableFuture<>();
        volatile boolean sent;
        volatile ScheduledFuture<?> timer;

        PendingCall(Long id, String method, JsonObject params, String text, boolean internal) {
            this.id = id;
            this.method = method;
            this.params = params;
            this.text = text;
            this.internal = internal;
        }
    }

    /** One WebSocket connection. Its queue is written by one drain task at a time, never under the lock. */
    private final class Link extends Endpoint {
        final URI uri;
        final ConcurrentLinkedQueue<PendingCall> outbound = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        final AtomicBoolean pinging = new AtomicBoolean();
        volatile Session session;
        volatile boolean opened;
        volatile boolean welcomed;
        volatile boolean dead;
        volatile long lastReceived = System.nanoTime();

        Link(URI uri) {
            this.uri = uri;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            if (dead) {
                close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "connect attempt abandoned"));
                return;
            }
            this.opened = true;
            this.lastReceived = System.nanoTime();
            session.addMessageHandler(String.class, text -> received(this, text));
            if (!outbound.isEmpty()) {
                kick();
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            lost(this, reason);
        }

        @Override
        public void onError(Session session, Throwable failure) {
            LOG.log(Level.DEBUG, "Connection to {0}: {1}", uri, failure.toString());
        }

        void enqueue(PendingCall call) {
            outbound.add(call);
            kick();
        }

        private void kick() {
            if (session != null && draining.compareAndSet(false, true)) {
                scheduler.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                PendingCall call;
                lock.lock();
                try {
                    call = dead ? null : outbound.poll();
                    if (call != null) {
                        call.sent = true;
                    }
                } finally {
                    lock.unlock();
                }
                if (call == null) {
                    draining.set(false);
                    if (dead || outbound.isEmpty() || !draining.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                try {
                    session.getBasicRemote().sendText(call.text);
                } catch (IOException | RuntimeException e) {
                    draining.set(false);
                    abort("send failed: " + e);
                    return;
                }
                fire(sentListeners, listener -> listener.accept(call.text));
                if (call.id == null) {
                    if (call.timer != null) {
                        call.timer.cancel(false);
                    }
                    call.future.complete(JsonValue.NULL);
                }
            }
        }

        /** Treats the link as dead now (the socket may take long to notice) and closes it. */
        void abort(String why) {
            lost(this, new CloseReason(CloseCodes.CLOSED_ABNORMALLY, why));
            close(new CloseReason(CloseCodes.GOING_AWAY, why));
        }

        void close(CloseReason reason) {
            Session current = session;
            if (current == null || !current.isOpen()) {
                return;
            }
            try {
                current.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing the connection to {0}: {1}", uri, e.toString());
            }
        }
    }

    /** One WebSocket client container per class loader: each container has its own threads. */
    private static final class SharedContainer {
        private static volatile WebSocketContainer container;

        static WebSocketContainer get() {
            WebSocketContainer shared = container;
            if (shared == null) {
                synchronized (SharedContainer.class) {
                    shared = container;
                    if (shared == null) {
                        shared = ContainerProvider.getWebSocketContainer();
                        container = shared;
                    }
                }
            }
            return shared;
        }
    }

    /**
     * How a client connects, retries and waits. Every option has a default; see {@code docs/client.md}.
     */
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

        public SwitchboardClient build() {
            if (spoolSize < 0 || maxAttempts < 0) {
                throw new IllegalArgumentException("expected spoolSize and maxAttempts >= 0");
            }
            for (Duration d : List.of(callTimeout, pingAfterQuiet, pingTimeout, connectTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("expected positive durations, got " + d);
                }
            }
            return new SwitchboardClient(this);
        }
    }
}
