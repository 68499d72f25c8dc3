package dev.switchboard.verbs;

import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.config.Settings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.Failure;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.Reply;
import dev.switchboard.rooms.PolicyRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Turns one text frame of a connection into a call, runs its handler, and queues exactly one reply
 * when the call has an id. Calls of one connection arrive one at a time (the container serializes
 * them), so replies leave in call order.
 *
 * <p>A cluster bus that cannot take messages (the broker is down) is {@code UNAVAILABLE} for that call.
 * A client mistake becomes an error reply (or an {@code error} event for a call without id) and the
 * connection stays open. A frame over {@code switchboard.maxFrameBytes} closes the connection with
 * 1009. A handler bug is logged once, answered with {@code INTERNAL}, and closes the connection
 * with 1011; the node goes on.
 *
 * <p>A method in {@code switchboard.auth.required} called by an anonymous connection is
 * {@code UNAUTHORIZED}. A handler may answer later with a {@link CompletionStage} (actions do): its
 * reply keeps its place, so replies still leave in the order of the calls.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final String REPLY = "reply";

    private Map<String, VerbHandler> handlers;
    private String methodList;
    private FrameCodec codec;
    private int maxFrameBytes;
    private Set<String> needAuth;
    private Meters meters;

    /** For the container's proxy. */
    protected Dispatcher() {
    }

    @Inject
    Dispatcher(VerbExtension verbs, @Any Instance<VerbHandler> beans, FrameCodec codec, Settings settings, Meters meters) {
        this(resolve(verbs.table(), beans), codec, settings, meters);
    }

    /** A dispatcher over the given handlers, for tests. */
    public Dispatcher(Map<String, VerbHandler> handlers, FrameCodec codec, Settings settings) {
        this(handlers, codec, settings, new Meters());
    }

    private Dispatcher(Map<String, VerbHandler> handlers, FrameCodec codec, Settings settings, Meters meters) {
        this.meters = meters;
        meters.methods(handlers.keySet());
        this.handlers = Map.copyOf(handlers);
        this.methodList = String.join(", ", new TreeSet<>(handlers.keySet()));
        this.codec = codec;
        this.maxFrameBytes = settings.maxFrameBytes();
        this.needAuth = Set.copyOf(settings.authRequired());
    }

    public Set<String> methods() {
        return handlers.keySet();
    }

    /** Handles one text frame the caller sent. */
    public void dispatch(Caller caller, String text) {
        caller.received();
        if (caller.closing()) {
            return; // closed for cause (a flood, a bug, quit): the rest is not read
        }
        if (tooLarge(text)) {
            meters.receivedInvalid();
            caller.send(codec.encode(Event.of(EventNames.ERROR, new Failure(ErrorCode.TOO_LARGE,
                    "frame larger than " + maxFrameBytes + " bytes; closing"))));
            meters.sent(EventNames.ERROR);
            caller.closeAfterQueued(CloseCodes.TOO_BIG.getCode(), "frame larger than " + maxFrameBytes + " bytes");
            return;
        }
        Caller.Admission admission = caller.admitFrame();
        Call call;
        try {
            call = codec.decodeCall(text);
        } catch (FrameException e) {
            meters.receivedInvalid();
            if (admission == Caller.Admission.ADMIT) {
                fail(caller, e.id(), e.failure());
            } else {
                refuse(caller, e.id(), admission);
            }
            return;
        }
        meters.received(call.method());
        if (admission != Caller.Admission.ADMIT) {
            refuse(caller, call.id(), admission);
            return;
        }
        VerbHandler handler = handlers.get(call.method());
        if (handler == null) {
            fail(caller, call.id(), new Failure(ErrorCode.UNKNOWN_METHOD,
                    "unknown method '" + call.method() + "'; expected one of " + methodList));
            return;
        }
        if (caller.user() == null && needAuth.contains(call.method())) {
            fail(caller, call.id(), new Failure(ErrorCode.UNAUTHORIZED,
                    "method '" + call.method() + "' needs an authenticated connection: call auth first"));
            return;
        }
        Object result;
        try {
            result = handler.handle(caller, new Params(call.params()));
        } catch (RuntimeException e) {
            failed(caller, call, e);
            return;
        }
        if (result instanceof CompletionStage<?> later) {
            Caller.ReplySlot slot = call.wantsReply() ? caller.reserveReply() : null;
            later.whenComplete((value, failure) -> completed(caller, call, slot, value, failure));
        } else {
            succeeded(caller, call, result);
        }
    }

    private void succeeded(Caller caller, Call call, Object result) {
        if (result instanceof Closing closing) {
            reply(caller, call, closing.data());
            caller.closeAfterQueued(closing.closeCode(), closing.reason());
        } else {
            reply(caller, call, result);
        }
    }

    /** The end of a call whose handler answered later (an action): its reply goes into its place in line. */
    private void completed(Caller caller, Call call, Caller.ReplySlot slot, Object value, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (slot == null) {
            if (cause != null) {
                failed(caller, call, cause);
            }
            return;
        }
        meters.sent(REPLY);
        if (cause == null) {
            slot.fill(codec.encode(Reply.success(call.id(), value)));
        } else if (cause instanceof CallException e) {
            slot.fill(codec.encode(Reply.failure(call.id(), e.failure())));
        } else if (cause instanceof PolicyRefusal refusal) {
            slot.fill(codec.encode(Reply.failure(call.id(), new Failure(refusal.code(), refusal.getMessage()))));
        } else {
            LOG.log(Level.ERROR, "Method " + call.method() + " failed on connection " + caller.id(), cause);
            slot.fill(codec.encode(Reply.failure(call.id(), new Failure(ErrorCode.INTERNAL, "internal server error"))));
        }
    }

    private void failed(Caller caller, Call call, Throwable failure) {
        if (failure instanceof CallException e) {
            fail(caller, call.id(), e.failure());
            if (e.closeCode() != 0) {
                caller.closeAfterQueued(e.closeCode(), e.getMessage());
            }
        } else if (failure instanceof PolicyRefusal refusal) {
            fail(caller, call.id(), new Failure(refusal.code(), refusal.getMessage()));
        } else if (failure instanceof ClusterUnavailableException) {
            fail(caller, call.id(), new Failure(ErrorCode.UNAVAILABLE, "the cluster is unavailable; try again"));
        } else {
            LOG.log(Level.ERROR, "Method " + call.method() + " failed on connection " + caller.id() + "; closing it", failure);
            fail(caller, call.id(), new Failure(ErrorCode.INTERNAL, "internal server error; the connection is closed"));
            caller.closeAfterQueued(CloseCodes.UNEXPECTED_CONDITION.getCode(), "internal server error");
        }
    }

    /** A frame over the connection's rate: {@code RATE_LIMITED}, and after sustained flooding a close with 1008. */
    private void refuse(Caller caller, Long id, Caller.Admission admission) {
        fail(caller, id, new Failure(ErrorCode.RATE_LIMITED, "too many frames: slow down"));
        if (admission == Caller.Admission.CLOSE) {
            caller.closeAfterQueued(CloseCodes.VIOLATED_POLICY.getCode(), "rate limit exceeded");
        }
    }

    /** Answers a binary frame, which protocol v1 does not use. */
    public void rejectBinary(Caller caller) {
        caller.received();
        meters.receivedInvalid();
        Caller.Admission admission = caller.admitFrame();
        if (admission != Caller.Admission.ADMIT) {
            refuse(caller, null, admission);
            return;
        }
        fail(caller, null, new Failure(ErrorCode.BAD_FRAME, "expected a text frame with a JSON object, got a binary frame"));
    }

    private void reply(Caller caller, Call call, Object data) {
        if (call.wantsReply()) {
            caller.reply(codec.encode(Reply.success(call.id(), data)));
            meters.sent(REPLY);
        }
    }

    private void fail(Caller caller, Long id, Failure failure) {
        if (id != null) {
            caller.reply(codec.encode(Reply.failure(id, failure)));
            meters.sent(REPLY);
        } else {
            caller.send(codec.encode(Event.of(EventNames.ERROR, failure)));
            meters.sent(EventNames.ERROR);
        }
    }

    private boolean tooLarge(String text) {
        // a char is at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 chars)
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return false;
        }
        return text.length() > maxFrameBytes || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes;
    }

    private static Map<String, VerbHandler> resolve(VerbTable table, Instance<VerbHandler> beans) {
        Map<String, VerbHandler> handlers = new HashMap<>();
        Map<Class<? extends VerbHandler>, VerbHandler> instances = new HashMap<>();
        table.entries().forEach((method, type) ->
                handlers.put(method, instances.computeIfAbsent(type, t -> beans.select(t).get())));
        return handlers;
    }
}
