package dev.switchboard.verbs;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.Call;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.Failure;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.SwitchboardFailure;
import dev.switchboard.protocol.Reply;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Answers one text frame of a connection — read by the endpoint's decoder into an {@link Inbound}: a call, or
 * why it is none — by running the call's handler and queueing exactly one reply when the call has an id.
 * Calls of one connection arrive one at a time, in order (the container serializes them, and the endpoint keeps that order
 * when it hands a call to a thread of its own), so replies leave in call order.
 *
 * <p>A failure becomes its answer through {@link CallFailure}, the same whether the handler threw, answered
 * later, or the dispatcher refused the frame itself (it does not decode, names no method, needs auth): a
 * cluster bus that cannot take messages (the broker is down) is {@code UNAVAILABLE}
 * for that call; a client mistake becomes an error reply (or an {@code error} event for a call without
 * id) and the connection stays open; a handler bug is logged once, answered with {@code INTERNAL}, and
 * closes the connection with 1011; the node goes on. A frame over {@code switchboard.maxFrameBytes}
 * closes the connection with 1009; one over the connection's rate is {@code RATE_LIMITED}, unparsed.
 *
 * <p>A method in {@code switchboard.auth.required} called by an anonymous connection is
 * {@code UNAUTHORIZED}; the room methods there ({@code roomAdd} and its aliases, {@code say}, {@code roomView},
 * {@code history}) are the rooms' default rule instead, checked by their handlers ({@link RoomPermissions}). A handler may answer later with a {@link CompletionStage} (actions do): its
 * reply keeps its place, so replies still leave in the order of the calls.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final String REPLY = "reply";

    private Map<String, VerbHandler> handlers;
    private String methodList;
    private FrameCodec codec;
    private Set<String> needAuth;
    /** The methods whose handlers answer at once ({@link AnswersAtOnce}). */
    private Set<String> atOnce;
    private Meters meters;

    /** For the container's proxy. */
    protected Dispatcher() {
    }

    @Inject
    Dispatcher(VerbExtension verbs, @Any Instance<VerbHandler> beans, FrameCodec codec, AuthSettings settings, Meters meters,
            RoomPolicies policies, RoomPermissions permissions) {
        this(resolve(verbs.table(), beans), codec, settings, meters, true, policies.applications() || permissions.rulesFromCode());
    }

    /**
     * A dispatcher over the given handlers, for tests: names of {@code switchboard.auth.required} that are
     * none of these handlers' are left out (the deployment refuses them).
     */
    public Dispatcher(Map<String, VerbHandler> handlers, FrameCodec codec, AuthSettings settings) {
        this(handlers, codec, settings, false);
    }

    /** The same, where the application has room policies or rules of its own ({@link AnswersAtOnce#unlessRoomCode}), for tests. */
    public Dispatcher(Map<String, VerbHandler> handlers, FrameCodec codec, AuthSettings settings, boolean applicationRoomCode) {
        this(handlers, codec, settings, new Meters(), false, applicationRoomCode);
    }

    private Dispatcher(Map<String, VerbHandler> handlers, FrameCodec codec, AuthSettings settings, Meters meters, boolean strict,
            boolean applicationRoomCode) {
        this.meters = meters;
        meters.methods(handlers.keySet());
        this.handlers = Map.copyOf(handlers);
        this.methodList = String.join(", ", new TreeSet<>(handlers.keySet()));
        this.codec = codec;
        this.needAuth = needingAuth(settings.required(), this.handlers, strict);
        Set<String> answeredAtOnce = new TreeSet<>();
        this.handlers.forEach((method, handler) -> {
            AnswersAtOnce atOnce = answersAtOnce(handler.getClass());
            if (atOnce != null && !(atOnce.unlessRoomCode() && applicationRoomCode)) {
                answeredAtOnce.add(method);
            }
        });
        this.atOnce = Set.copyOf(answeredAtOnce);
    }

    /** The {@link AnswersAtOnce} of the handler's class, or of the class it was made from (a container's proxy); or null. */
    private static AnswersAtOnce answersAtOnce(Class<?> type) {
        for (Class<?> at = type; at != null && at != Object.class; at = at.getSuperclass()) {
            AnswersAtOnce atOnce = at.getAnnotation(AnswersAtOnce.class);
            if (atOnce != null) {
                return atOnce;
            }
        }
        return null;
    }

    /**
     * The methods {@code switchboard.auth.required} names, with their aliases (every name of the same
     * handler), but for the room methods, which the rooms' rules govern: a name that is no method fails the
     * deployment, since a misspelt one would leave the method it meant open.
     */
    static Set<String> needingAuth(Set<String> required, Map<String, VerbHandler> handlers, boolean strict) {
        Set<String> resolved = new TreeSet<>();
        for (String method : required) {
            VerbHandler handler = handlers.get(method);
            if (handler == null) {
                if (strict) {
                    throw new IllegalStateException("Setting " + AuthSettings.AUTH_REQUIRED.name() + ": no method '" + method
                            + "'; expected names among " + new TreeSet<>(handlers.keySet()));
                }
                continue;
            }
            handlers.forEach((name, other) -> {
                if (other == handler) {
                    resolved.add(name);
                }
            });
        }
        resolved.removeAll(RoomPermissions.ROOM_METHODS);
        return Set.copyOf(resolved);
    }

    public Set<String> methods() {
        return handlers.keySet();
    }

    /** Made when the application starts, so that a bad {@code switchboard.auth.required} fails the deployment. */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        methods();
    }

    /**
     * Whether {@link #dispatch} answers this frame without waiting for anything, so that it may run on the container's
     * I/O thread: a refusal (it does not decode, is over the rate, names no method) or a method whose handler is
     * {@link AnswersAtOnce}. A {@code say}, {@code roomAdd}, {@code auth} … may wait (the broker, a provider, a room
     * policy of the application's).
     */
    public boolean answersAtOnce(Inbound frame) {
        if (!(frame instanceof Inbound.Decoded decoded)) {
            return true;
        }
        String method = decoded.call().method();
        return atOnce.contains(method) || !handlers.containsKey(method);
    }

    /** Answers one text frame the caller sent, as its reader left it. */
    public void dispatch(Caller caller, Inbound frame) {
        caller.received();
        if (caller.closing()) {
            return; // closed for cause (a flood, a bug, quit): the rest is not read
        }
        if (frame instanceof Inbound.Decoded decoded) {
            handle(caller, decoded.call());
            return;
        }
        meters.receivedInvalid();
        if (frame instanceof Inbound.TooLarge tooLarge) {
            String reason = "frame larger than " + tooLarge.maxBytes() + " bytes";
            caller.send(codec.encode(Event.of(EventNames.ERROR, new Failure(ErrorCode.TOO_LARGE, reason + "; closing"))));
            meters.sent(EventNames.ERROR);
            caller.closeAfterQueued(CloseCodes.TOO_BIG.getCode(), reason);
        } else if (frame instanceof Inbound.OverRate overRate) {
            refuse(caller, overRate.admission()); // not parsed: a flood costs a token-bucket check per frame, no JSON
        } else if (frame instanceof Inbound.Malformed malformed) {
            refuse(caller, malformed.failure().id(), malformed.failure());
        }
    }

    private void handle(Caller caller, Call call) {
        meters.received(call.method());
        VerbHandler handler = handlers.get(call.method());
        if (handler == null) {
            refuse(caller, call.id(), new CallException(ErrorCode.UNKNOWN_METHOD,
                    "unknown method '" + call.method() + "'; expected one of " + methodList));
            return;
        }
        if (caller.user() == null && needAuth.contains(call.method())) {
            refuse(caller, call.id(), new CallException(ErrorCode.UNAUTHORIZED,
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
        if (slot == null) {
            if (failure != null) {
                failed(caller, call, failure);
            }
            return;
        }
        meters.sent(REPLY);
        if (failure == null) {
            slot.fill(codec.encode(Reply.success(call.id(), value)));
            return;
        }
        CallFailure answer = answer(caller, call, failure);
        slot.fill(codec.encode(Reply.failure(call.id(), answer.failure())));
        closeFor(caller, answer);
    }

    private void failed(Caller caller, Call call, Throwable failure) {
        CallFailure answer = answer(caller, call, failure);
        fail(caller, call.id(), answer.failure());
        closeFor(caller, answer);
    }

    /** A refusal of the dispatcher's own (a frame that does not decode, an unknown method, no auth): as a handler's. */
    private void refuse(Caller caller, Object id, SwitchboardFailure refusal) {
        CallFailure answer = CallFailure.refusal(refusal);
        fail(caller, id, answer.failure());
        closeFor(caller, answer);
    }

    /** The one mapping of a failure to its answer ({@link CallFailure}); a server bug is logged here, once. */
    private static CallFailure answer(Caller caller, Call call, Throwable failure) {
        CallFailure answer = CallFailure.of(failure);
        if (answer.bug() != null) {
            LOG.log(Level.ERROR, "Method " + call.method() + " failed on connection " + caller.id() + "; closing it", answer.bug());
        }
        return answer;
    }

    private static void closeFor(Caller caller, CallFailure answer) {
        if (answer.closeCode() != 0) {
            caller.closeAfterQueued(answer.closeCode(), answer.closeReason());
        }
    }

    /**
     * A frame over the connection's rate: {@code RATE_LIMITED} (an {@code error} event: the frame is not read,
     * so its id is not known), and after sustained flooding a close with 1008.
     */
    private void refuse(Caller caller, Caller.Admission admission) {
        fail(caller, null, new Failure(ErrorCode.RATE_LIMITED, "too many frames: slow down"));
        if (admission == Caller.Admission.CLOSE) {
            caller.closeAfterQueued(CloseCodes.VIOLATED_POLICY.getCode(), "rate limit exceeded");
        }
    }

    /** Answers a binary frame, which protocol v1 does not use (admitted by a rate of its own: {@link Caller#admitFrame}). */
    public void rejectBinary(Caller caller) {
        caller.received();
        meters.receivedInvalid();
        Caller.Admission admission = caller.admitFrame();
        if (admission != Caller.Admission.ADMIT) {
            refuse(caller, admission);
            return;
        }
        refuse(caller, null, new CallException(ErrorCode.BAD_FRAME, "expected a text frame with a JSON object, got a binary frame"));
    }

    private void reply(Caller caller, Call call, Object data) {
        if (call.wantsReply()) {
            caller.reply(codec.encode(Reply.success(call.id(), data)));
            meters.sent(REPLY);
        }
    }

    private void fail(Caller caller, Object id, Failure failure) {
        if (id != null) {
            caller.reply(codec.encode(Reply.failure(id, failure)));
            meters.sent(REPLY);
        } else {
            caller.send(codec.encode(Event.of(EventNames.ERROR, failure)));
            meters.sent(EventNames.ERROR);
        }
    }

    private static Map<String, VerbHandler> resolve(VerbTable table, Instance<VerbHandler> beans) {
        Map<String, VerbHandler> handlers = new HashMap<>();
        Map<Class<? extends VerbHandler>, VerbHandler> instances = new HashMap<>();
        table.entries().forEach((method, type) ->
                handlers.put(method, instances.computeIfAbsent(type, t -> beans.select(t).get())));
        return handlers;
    }
}
