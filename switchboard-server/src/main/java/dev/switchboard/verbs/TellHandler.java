package dev.switchboard.verbs;

import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.events.Observers;
import dev.switchboard.events.Told;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.TellMessage;
import dev.switchboard.protocol.TellResult;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

/**
 * {@code tell {to, message}}: a direct message to a connection id, or to every connection of a user,
 * on whichever node it is. {@code NOT_FOUND} when no such connection is open anywhere in the cluster.
 *
 * <p>With a {@code key} ({@link ClientKeys}) a tell is sent at most once while the nodes remember the key
 * ({@code switchboard.history.tellKeySeconds}): a repeat is answered with the original's id, and a repeat that crossed
 * the original in the cluster is dropped by every node (its reply then has the id of the copy that was dropped).
 */
@Dependent
@Handles("tell")
public class TellHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final FrameCodec codec;
    private final NodeIdentity node;
    private final Observers observers;

    @Inject
    public TellHandler(RoomRegistry registry, FrameCodec codec, NodeIdentity node, Observers observers) {
        this.registry = new RegistryInstance(registry);
        this.codec = codec;
        this.node = node;
        this.observers = observers;
    }

    @Override
    public TellResult handle(Caller caller, Params params) {
        String to = params.string("to");
        JsonValue message = params.value("message");
        if (to.isEmpty()) {
            throw new BadParamsException("expected param 'to' to be a connection id or a user, got an empty string");
        }
        String key = ClientKeys.scoped("tell", caller, params);
        String original = key == null ? null : registry.get().toldBefore(key);
        if (original != null) {
            return new TellResult(to, true, original, true);
        }
        if (!registry.get().isConnected(to)) {
            throw new CallException(ErrorCode.NOT_FOUND, "no connection or user '" + to + "' is connected");
        }
        String messageId = node.nextMessageId();
        TellMessage tell = new TellMessage(new Peer(caller.id(), caller.user()), to, message, messageId, System.currentTimeMillis());
        String frame = codec.encode(Event.of(EventNames.TELL, tell));
        if (key == null) {
            registry.get().tell(to, frame);
        } else {
            String raced = registry.get().tell(to, frame, key, messageId);
            if (raced != null) {
                return new TellResult(to, true, raced, true); // the same key came from another call since the check above
            }
        }
        if (observers.observes(Told.class)) {
            observers.report(new Told(to, EventNames.TELL, tell.from(), message, messageId, tell.sentAt()));
        }
        return new TellResult(to, true, messageId);
    }
}
