package dev.switchboard.verbs;

import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.protocol.Event;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.SayMessage;
import dev.switchboard.protocol.SayResult;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RoomPolicies;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

/**
 * {@code say {room, message}}: sends a message to every member of a room, the sender included. The
 * message may be any JSON value; {@code from} is always the caller, never taken from params. The
 * event is encoded once and the same text goes to every member. The room's rule ({@link RoomPermissions}) says who
 * may say (nobody in a receive-only room), checked before membership.
 *
 * <p>With a {@code key} ({@link ClientKeys}) a say is sent at most once while the room's history holds it: the reply
 * waits for the message's position, and a repeat is answered with the original's id, time and position.
 */
@Dependent
@Handles("say")
public class SayHandler implements VerbHandler {

    private final RegistryInstance registry;
    private final FrameCodec codec;
    private final NodeIdentity node;
    private final RoomPolicies policies;
    private final RoomPermissions permissions;

    @Inject
    public SayHandler(RoomRegistry registry, FrameCodec codec, NodeIdentity node, RoomPolicies policies, RoomPermissions permissions) {
        this.registry = new RegistryInstance(registry);
        this.codec = codec;
        this.node = node;
        this.policies = policies;
        this.permissions = permissions;
    }

    @Override
    public Object handle(Caller caller, Params params) {
        RoomName room = params.room();
        JsonValue given = params.value("message");
        String key = ClientKeys.scoped("say", caller, params);
        permissions.checkSay(caller, room);
        if (!caller.isIn(room)) {
            throw new NotInRoomException(room);
        }
        JsonValue message = policies.say(caller, room, given);
        String messageId = node.nextMessageId();
        long sentAt = System.currentTimeMillis();
        SayMessage say = new SayMessage(room.value(), new Peer(caller.id(), caller.user()), message, messageId, sentAt);
        String frame = codec.encode(Event.of(EventNames.SAY, say));
        if (key == null) {
            registry.get().publish(room, frame);
            return new SayResult(room.value(), messageId, sentAt);
        }
        // exactly once: the reply waits for the message's place in the room's order, where a repeat of the key is found
        return registry.get().publish(room, frame, messageId, key).thenApply(published -> published.repeated()
                ? new SayResult(room.value(), published.messageId(), published.sentAt(), published.position(), true)
                : new SayResult(room.value(), messageId, sentAt, published.position(), false));
    }
}
