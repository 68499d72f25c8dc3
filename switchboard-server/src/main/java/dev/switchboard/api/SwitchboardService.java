package dev.switchboard.api;

import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.ApiSettings;
import dev.switchboard.events.Observers;
import dev.switchboard.events.Told;
import dev.switchboard.protocol.AppEvent;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.RoomView;
import dev.switchboard.protocol.SayMessage;
import dev.switchboard.protocol.TellMessage;
import dev.switchboard.rooms.ConnectionNames;
import dev.switchboard.rooms.Published;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link Switchboard} over the room registry: a message is encoded once, here, and goes the way a client's goes — a
 * room's through the policies, the sequencer and every node's history; a direct one to the node that holds its
 * connections. Stages complete on the container's managed scheduler, never on the thread that delivers a room.
 */
@ApplicationScoped
public class SwitchboardService implements Switchboard {

    /** What an application's idempotency key is scoped by, so that it meets no client's. */
    static final String KEY_SCOPE = "app:";

    private RoomRegistry registry;
    private FrameCodec codec;
    private NodeIdentity node;
    private RoomPolicies policies;
    private Observers observers;
    private ApiSettings settings;
    private ScheduledExecutorService executor;

    @Resource
    ManagedScheduledExecutorService managed;

    /** For the container's proxy. */
    protected SwitchboardService() {
    }

    @Inject
    SwitchboardService(RoomRegistry registry, FrameCodec codec, NodeIdentity node, RoomPolicies policies, Observers observers,
            ApiSettings settings) {
        this(registry, codec, node, policies, observers, settings, null);
    }

    /** Outside a container, for tests: stages complete on this executor. */
    public SwitchboardService(RoomRegistry registry, FrameCodec codec, NodeIdentity node, RoomPolicies policies, Observers observers,
            ApiSettings settings, ScheduledExecutorService executor) {
        this.registry = registry;
        this.codec = codec;
        this.node = node;
        this.policies = policies;
        this.observers = observers;
        this.settings = settings;
        this.executor = executor;
    }

    @Override
    public CompletionStage<Sent> publish(String room, JsonValue message, SendOptions options) {
        return attempt(() -> {
            RoomName name = roomName(room);
            JsonValue said = policies.say(new Speaker(options.user()), name, whole(message, "message"));
            String messageId = node.nextMessageId();
            SayMessage say = new SayMessage(name.value(), Peer.application(options.user()), said, messageId, System.currentTimeMillis());
            return toRoom(name, codec.encode(Event.of(EventNames.SAY, say)), messageId, options.key());
        });
    }

    @Override
    public CompletionStage<Sent> tell(Target to, JsonValue message, SendOptions options) {
        return attempt(() -> {
            String messageId = node.nextMessageId();
            TellMessage tell = new TellMessage(Peer.application(options.user()), to.name(), whole(message, "message"), messageId,
                    System.currentTimeMillis());
            return direct(to, EventNames.TELL, codec.encode(Event.of(EventNames.TELL, tell)), tell.from(), tell.message(), messageId,
                    tell.sentAt());
        });
    }

    @Override
    public CompletionStage<Sent> emit(Target to, String event, JsonValue data, SendOptions options) {
        return attempt(() -> {
            if (!EventNames.isApplicationName(event)) {
                throw new InvalidRequestException("expected an event name of a letter, then letters, digits or . _ : - (64 at most),"
                        + " not one of " + new java.util.TreeSet<>(EventNames.RESERVED) + "; got '" + event + "'");
            }
            String messageId = node.nextMessageId();
            Peer from = Peer.application(options.user());
            JsonValue payload = whole(data, "data");
            if (to.kind() == Target.Kind.ROOM) {
                RoomName name = roomName(to.name());
                AppEvent sent = new AppEvent(name.value(), from, payload, messageId, System.currentTimeMillis());
                return toRoom(name, codec.encode(Event.of(event, sent)), messageId, options.key());
            }
            AppEvent sent = new AppEvent(null, from, payload, messageId, System.currentTimeMillis());
            return direct(to, event, codec.encode(Event.of(event, sent)), from, payload, messageId, sent.sentAt());
        });
    }

    @Override
    public CompletionStage<Void> subscribe(Target who, String room) {
        return attempt(() -> {
            registry.subscribe(connections(who), roomName(room));
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletionStage<Void> unsubscribe(Target who, String room) {
        return attempt(() -> {
            registry.unsubscribe(connections(who), roomName(room));
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public CompletionStage<Void> disconnect(Target who, String reason, boolean reconnect) {
        return attempt(() -> {
            registry.disconnect(connections(who), reason == null || reason.isBlank() ? "disconnected by the application" : reason, reconnect);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public Optional<RoomView> presence(String room) {
        return registry.view(roomName(room));
    }

    @Override
    public SortedSet<String> roomsOf(String user) {
        if (user == null || user.isBlank()) {
            throw new InvalidRequestException("expected a user, got " + (user == null ? "none" : "a blank one"));
        }
        return registry.roomsOf(user);
    }

    @Override
    public boolean isConnected(Target who) {
        return registry.isConnected(connections(who));
    }

    @Override
    public Counts counts() {
        Map<String, Integer> rooms = registry.roomCounts();
        return new Counts(registry.connectionCount(), rooms.size(), rooms.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** A room's message: published, and its stage completes with its position (or fails after the timeout). */
    private CompletionStage<Sent> toRoom(RoomName room, String frame, String messageId, String key) {
        CompletableFuture<Sent> sent = new CompletableFuture<>();
        ScheduledExecutorService on = executor();
        ScheduledFuture<?> timeout = on.schedule(() -> { // before the publish: once it went out, nothing here may fail
            registry.forget(messageId);
            sent.completeExceptionally(new PositionTimeoutException(room.value(), messageId, settings.positionTimeout()));
        }, settings.positionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Published> position;
        try {
            position = registry.publish(room, frame, messageId, key == null ? null : KEY_SCOPE + key);
        } catch (RuntimeException e) {
            timeout.cancel(false);
            throw e;
        }
        position.whenCompleteAsync((published, failure) -> {
            timeout.cancel(false);
            if (failure != null) {
                sent.completeExceptionally(failure);
            } else {
                sent.complete(new Sent(published.messageId(), published.position(), published.repeated()));
            }
        }, on);
        return sent;
    }

    /** A direct frame to the connections of a user, or one connection, wherever they are. */
    private CompletionStage<Sent> direct(Target to, String event, String frame, Peer from, JsonValue message, String messageId,
            long sentAt) {
        String target = connections(to);
        if (!registry.isConnected(target)) {
            throw new NotConnectedException(to);
        }
        registry.tell(target, frame);
        if (observers.observes(Told.class)) {
            observers.report(new Told(to.name(), event, from, message, messageId, sentAt));
        }
        return CompletableFuture.completedFuture(new Sent(messageId, null, false));
    }

    private ScheduledExecutorService executor() {
        return executor != null ? executor : managed;
    }

    /** Runs an operation; what it throws becomes its failed stage, as the interface promises. */
    private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The registry's name of a user's connections, or of one connection: precise, never the other kind. */
    private static String connections(Target who) {
        if (who.kind() == Target.Kind.ROOM) {
            throw new InvalidRequestException("expected a user or a connection, got the room '" + who.name() + "'");
        }
        return who.kind() == Target.Kind.USER ? ConnectionNames.user(who.name()) : ConnectionNames.connection(who.name());
    }

    private static RoomName roomName(String room) {
        try {
            return new RoomName(room);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** JSON that every client can be sent: no unpaired surrogate anywhere (UTF-8 cannot encode one). */
    private static JsonValue whole(JsonValue value, String what) {
        if (value == null) {
            throw new InvalidRequestException("expected a " + what + ", got none");
        }
        if (!FrameCodec.isWholeText(value)) {
            throw new InvalidRequestException("expected the " + what + " to be text of whole characters, got an unpaired surrogate");
        }
        return value;
    }
}
