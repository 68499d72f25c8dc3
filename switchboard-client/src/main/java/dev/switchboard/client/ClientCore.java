package dev.switchboard.client;

import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.Frame;
import dev.switchboard.protocol.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's state machine behind {@link SwitchboardClient}: its status and current {@link Link}, under one
 * lock, and what moves them — connect, welcome, resume, lost, reconnect, end, abort, close. The parts with
 * one job each: {@link Calls} (correlation and the spool), {@link Reconnector} (addresses and back-off),
 * {@link Resumption} (re-auth and re-join with {@code since}), {@link KeepAlive}, {@link Listeners}.
 *
 * <p>Over ~400 lines on purpose: every transition of the status and of the current link is here, under the one
 * lock, so that one reading shows everything a transition touches; what each part does has moved out.
 */
final class ClientCore implements Link.Owner, Resumption.Client, KeepAlive.Client {

    private static final Logger LOG = System.getLogger(SwitchboardClient.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Where handshakes run. {@code connectToServer} blocks its thread until the server answers (or the container gives
     * up); on the scheduler — shared by every client of an application, perhaps the application's own — a thousand
     * clients reconnecting at once would hold every thread and queue every client's first frames behind all the
     * handshakes. Daemon threads, made when needed and gone after a minute idle.
     */
    private static final ExecutorService HANDSHAKES = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "switchboard-client-connect-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    /** How long a keyed call refused with {@code RATE_LIMITED} waits before it goes again. */
    private static final Duration RATE_LIMITED_RETRY = Duration.ofMillis(100);
    /** How long a keyed call refused with {@code UNAVAILABLE} (the cluster did not place it in time) waits before it goes again. */
    private static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(1);

    private final ClientOptions options;
    private final WebSocketContainer container;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final Listeners listeners = new Listeners();
    private final Resumption resumption;
    private final KeepAlive keepAlive;
    private final AtomicLong ids = new AtomicLong();
    /** Idempotency keys: unguessable, unique to this client, then counted ({@link #nextKey()}). */
    private final String keyPrefix = keyPrefix();
    private final AtomicLong keys = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final Calls calls;
    private final Reconnector reconnector;
    private Status status = Status.IDLE;
    private Link link;
    private ScheduledFuture<?> keepAliveTask;

    ClientCore(ClientOptions options) {
        this.options = options;
        this.resumption = new Resumption(this, listeners, options.tokens(), options.callTimeout());
        this.container = options.container() != null ? options.container() : SharedContainer.get();
        this.ownScheduler = options.scheduler() == null;
        this.scheduler = ownScheduler ? Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-client-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }) : options.scheduler();
        this.calls = new Calls(options.spoolSize());
        this.reconnector = new Reconnector(options.addresses(),
                new Backoff(options.backoffFloor(), options.backoffCap(), options.random()), options.maxAttempts(), options.random());
        this.keepAlive = new KeepAlive(this, options.pingAfterQuiet(), options.pingTimeout());
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts connecting, to a random address of the list. Calls made before are spooled. */
    void boot() {
        URI first;
        lock.lock();
        try {
            if (status != Status.IDLE) {
                throw new IllegalStateException("boot() once, on an IDLE client; it is " + status);
            }
            status = Status.CONNECTING;
            first = reconnector.first();
            long tick = keepAlive.tickMillis();
            keepAliveTask = scheduler.scheduleWithFixedDelay(keepAlive::tick, tick, tick, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
        HANDSHAKES.execute(() -> connect(first));
    }

    Status status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
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
            failed = calls.takeAll(link);
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

    Listeners listeners() {
        return listeners;
    }

    /** An application's call: tracked for resumption, then sent, spooled or refused. */
    CompletableFuture<JsonValue> call(String method, JsonObject params, CallOptions callOptions) {
        Long id = callOptions.noReply() ? null : ids.incrementAndGet();
        PendingCall call = new PendingCall(id, Call.of(id, method, params), false);
        resumption.track(call);
        submit(call, callOptions);
        return call.future;
    }

    /** A new idempotency key for a publishing call: never the same twice, from any client. */
    String nextKey() {
        return keyPrefix + keys.incrementAndGet();
    }

    private static String keyPrefix() {
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random) + ".";
    }

    /** A frame as it is, no reply awaited. */
    CompletableFuture<JsonValue> send(Call frame) {
        PendingCall call = new PendingCall(null, frame, false);
        submit(call, CallOptions.noReplyCall());
        return call.future;
    }

    // ---------------------------------------------------------------- the state machine

    private void submit(PendingCall call, CallOptions callOptions) {
        Duration timeout = callOptions.timeout() != null ? callOptions.timeout() : options.callTimeout();
        SwitchboardException refused = null;
        boolean spooled = false;
        lock.lock();
        try {
            if (status == Status.CLOSING || status == Status.CLOSED || status == Status.ABORTED) {
                refused = new ClientClosedException(call.method, status);
            } else if (status == Status.CONNECTED || (callOptions.force() && link != null && link.welcomed)) {
                calls.handOver(link, call);
            } else if (callOptions.force()) {
                refused = new SwitchboardException(ErrorCode.UNAVAILABLE, "no open connection to force '" + call.method + "' onto");
            } else if (calls.spoolFull()) {
                refused = new SpoolFullException(call.method, calls.spoolSize());
            } else {
                calls.spool(call);
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
            Listeners.fire(listeners.spooled, listener -> listener.accept(call.frame));
        }
    }

    private void timedOut(PendingCall call, Duration timeout) {
        lock.lock();
        try {
            if (call.future.isDone()) {
                return;
            }
            calls.forget(call, link);
        } finally {
            lock.unlock();
        }
        call.future.completeExceptionally(new CallTimeoutException(call.method, timeout, call.sent));
    }

    /** A call the client makes itself (replay, keep-alive); sent at once on the given link, if it is still the current one. */
    @Override
    public CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params, Duration timeout) {
        long id = ids.incrementAndGet();
        PendingCall call = new PendingCall(id, Call.of(id, method, params), true);
        boolean open;
        lock.lock();
        try {
            open = target == link && !target.dead;
            if (open) {
                calls.handOver(target, call);
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

    private void connect(URI uri) {
        Link next = new Link(uri, this, lock, scheduler);
        lock.lock();
        try {
            if (status != Status.CONNECTING) {
                return;
            }
            link = next;
        } finally {
            lock.unlock();
        }
        next.abandonUnlessWelcomedWithin(options.connectTimeout());
        try {
            container.connectToServer(next, withPresenceDiffs(uri));
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

    @Override
    public void received(Link from, Frame frame) {
        Listeners.fire(listeners.packets, listener -> listener.accept(frame));
        if (frame instanceof Reply reply) {
            replied(reply);
        } else if (frame instanceof Event event) {
            JsonValue data = event.data() == null ? JsonValue.NULL : (JsonValue) event.data();
            if (EventNames.WELCOME.equals(event.event()) && !from.welcomed) {
                from.welcomed = true;
                from.connectionId = data instanceof JsonObject welcome ? welcome.getString("id", null) : null;
                if (data instanceof JsonObject welcome && welcome.get("limits") instanceof JsonObject limits) {
                    from.pace.limit(limits.getInt("framesPerSecond", 0), limits.getInt("burst", 0), System.nanoTime());
                }
                if (isCurrent(from)) {
                    resumption.resume(from);
                }
            } else if (EventNames.END.equals(event.event())) {
                ended(data);
            } else if (EventNames.TOKEN_EXPIRING.equals(event.event())) {
                refreshToken();
            } else if (EventNames.PRESENCE_DIFF.equals(event.event())) {
                presenceDiff(from, data);
                return;
            } else {
                resumption.heard(event.event(), data, from.connectionId);
            }
            listeners.event(event.event(), data);
        }
    }

    /**
     * A room's {@code join} and {@code leave} events of a short period in one frame (this client asks for them so): each
     * is heard, in its order, as if it had come on its own; the application's listeners never see the diff itself.
     */
    private void presenceDiff(Link from, JsonValue data) {
        if (!(data instanceof JsonObject diff) || !(diff.get("events") instanceof JsonArray events)) {
            return;
        }
        for (JsonValue each : events) {
            if (each instanceof JsonObject inner && inner.get("event") instanceof JsonString name
                    && (EventNames.JOIN.equals(name.getString()) || EventNames.LEAVE.equals(name.getString()))) {
                JsonValue eventData = inner.getOrDefault("data", JsonValue.NULL);
                resumption.heard(name.getString(), eventData, from.connectionId);
                listeners.event(name.getString(), eventData);
            }
        }
    }

    /**
     * The address with {@code presence=diff} in its query: the server sends a room's {@code join} and {@code leave} events
     * of a short period as one frame ({@link #presenceDiff}), which spares it and this client a frame per event when many
     * come at once (a node's clients failing over to another).
     */
    static URI withPresenceDiffs(URI uri) {
        String query = uri.getRawQuery();
        if (query != null && List.of(query.split("&")).contains("presence=diff")) {
            return uri;
        }
        // a WebSocket address has no fragment
        return URI.create(uri + (query == null ? "?" : query.isEmpty() ? "" : "&") + "presence=diff");
    }

    /**
     * The server warns that the token expires: a fresh one from the application's supplier goes out as {@code auth}, like
     * the application's own (so that a reconnect takes it too). Without a supplier, or credentials that are no token, the
     * application hears the event and decides.
     */
    private void refreshToken() {
        if (options.tokens() == null || !resumption.authenticatedWithToken()) {
            return;
        }
        resumption.token().thenCompose(token -> call("auth", Resumption.token(token), CallOptions.DEFAULTS))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        Throwable cause = Resumption.unwrap(failure);
                        listeners.error(cause instanceof SwitchboardException refused ? refused
                                : new AuthenticationFailedException(ErrorCode.UNAUTHORIZED, "could not refresh the token: " + cause));
                    }
                });
    }

    @Override
    public void unreadable(Link from, DecodeException failure) {
        listeners.error(new SwitchboardException(ErrorCode.BAD_FRAME, "could not read a frame from the server: " + failure.getMessage()));
    }

    private boolean isCurrent(Link target) {
        lock.lock();
        try {
            return target == link;
        } finally {
            lock.unlock();
        }
    }

    private void replied(Reply reply) {
        PendingCall call;
        lock.lock();
        try {
            call = calls.answered(reply.id());
        } finally {
            lock.unlock();
        }
        if (call == null) { // Mixer raised it too: an application that sees it knows a call timed out before its answer
            listeners.error(new SwitchboardException(ErrorCode.NOT_FOUND, "reply " + reply.id()
                    + " matches no call: it timed out before the answer came, or the server answered twice"));
            return;
        }
        if (!reply.succeeded() && call.keyed && !call.future.isDone() && (reply.error().code() == ErrorCode.RATE_LIMITED
                || reply.error().code() == ErrorCode.UNAVAILABLE)) {
            // refused for now (the rate; a broker that did not place it in time): a keyed call goes again shortly (its
            // deadline still runs), and its key keeps it once
            Duration wait = reply.error().code() == ErrorCode.RATE_LIMITED ? RATE_LIMITED_RETRY : UNAVAILABLE_RETRY;
            scheduler.schedule(() -> again(call), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        call.cancelTimer();
        if (reply.succeeded()) {
            call.future.complete(reply.data() == null ? JsonValue.NULL : (JsonValue) reply.data());
        } else {
            call.future.completeExceptionally(new SwitchboardException(reply.error().code(), reply.error().message()));
        }
    }

    /** A keyed call refused for the rate goes out again: on the current link if connected, else first in the spool. */
    private void again(PendingCall call) {
        lock.lock();
        try {
            if (call.future.isDone() || status == Status.CLOSING || status == Status.CLOSED || status == Status.ABORTED) {
                return;
            }
            if (status == Status.CONNECTED && link != null) {
                calls.handOver(link, call);
            } else {
                calls.spoolFirst(call);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Authenticated and back in its rooms on this link: connected, and the spool goes. */
    @Override
    public void resumed(Link target) {
        lock.lock();
        try {
            if (target != link || target.dead || status != Status.CONNECTING) {
                return;
            }
            status = Status.CONNECTED;
            reconnector.succeeded();
            calls.drainSpool(target);
        } finally {
            lock.unlock();
        }
        LOG.log(Level.DEBUG, "Connected to {0}", target.uri);
        Listeners.fire(listeners.connected, Runnable::run);
    }

    /** A link is gone (closed, failed to open, or found dead): unsent calls go back to the spool, sent ones fail. */
    @Override
    public void lost(Link gone, CloseReason reason) {
        List<PendingCall> failed;
        Reconnector.Attempt next = null;
        boolean giveUp = false;
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
            failed = calls.lost(gone);
            if (status == Status.CONNECTED || status == Status.CONNECTING) {
                status = Status.CONNECTING;
                next = reconnector.next();
                giveUp = next == null;
            }
        } finally {
            lock.unlock();
        }
        for (PendingCall call : failed) {
            call.fail(new ConnectionLostException(call.method));
        }
        if (gone.opened) {
            CloseReason why = reason != null ? reason : new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "connection lost");
            Listeners.fire(listeners.closed, listener -> listener.accept(why));
        }
        if (giveUp) {
            abort(new SwitchboardException(ErrorCode.UNAVAILABLE, "gave up after " + reconnector.maxAttempts() + " reconnect attempts"));
        } else if (next != null) {
            Reconnector.Attempt attempt = next;
            LOG.log(Level.DEBUG, "Reconnecting to {0} in {1} ms", attempt.address(), attempt.delay().toMillis());
            Listeners.fire(listeners.reconnecting, listener -> listener.accept(attempt.delay(), attempt.address()));
            scheduler.schedule(() -> HANDSHAKES.execute(() -> connect(attempt.address())), attempt.delay().toMillis(),
                    TimeUnit.MILLISECONDS);
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
            reconnector.retryAfter(retryAfter);
        } finally {
            lock.unlock();
        }
    }

    /** Gives up for good: everything pending fails, the error listeners hear why. */
    @Override
    public void abort(SwitchboardException why) {
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
            failed = calls.takeAll(null); // as before the split: the closing link's queue is left to its timers
        } finally {
            lock.unlock();
        }
        LOG.log(Level.WARNING, "Switchboard client gave up: {0}", why.getMessage());
        failAll(failed, Status.ABORTED);
        if (closing != null) {
            closing.dead = true;
            closing.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "client gave up"));
        }
        listeners.error(why);
        finish(Status.ABORTED);
    }

    private void finish(Status end) {
        lock.lock();
        try {
            status = end;
            if (keepAliveTask != null) {
                keepAliveTask.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        if (ownScheduler) {
            scheduler.shutdown();
        }
    }

    private static void failAll(List<PendingCall> pending, Status status) {
        for (PendingCall call : pending) {
            call.fail(new ClientClosedException(call.method, status));
        }
    }

    // ---------------------------------------------------------------- what the parts call back

    @Override
    public void sent(Call frame) {
        Listeners.fire(listeners.sent, listener -> listener.accept(frame));
    }

    @Override
    public CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params) {
        return internalCall(target, method, params, options.callTimeout());
    }

    @Override
    public Link connectedLink() {
        lock.lock();
        try {
            return status == Status.CONNECTED ? link : null;
        } finally {
            lock.unlock();
        }
    }
}
