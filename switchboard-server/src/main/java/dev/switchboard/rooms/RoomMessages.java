package dev.switchboard.rooms;

import dev.switchboard.cluster.Envelope;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.Position;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Sequencing and history: a room message from the bus gets its position (the sequencer's, or the next of
 * this node's own epoch when it runs alone), goes into the room's history with it, and out to the local
 * members — all under the history's lock, so that the history and every member see one order.
 */
final class RoomMessages {

    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up (a ServiceLoader scan) on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final Histories histories;
    private final LocalRooms rooms;
    private final FrameCodec codec;
    private final RoomPolicies policies;

    /** @param policies the policies whose {@code deliver} hook sees each receiver, or {@code null} (none) */
    RoomMessages(Histories histories, LocalRooms rooms, FrameCodec codec, RoomPolicies policies) {
        this.histories = histories;
        this.rooms = rooms;
        this.codec = codec;
        this.policies = policies;
    }

    /** A {@link Envelope.Kind#ROOM} envelope. */
    void deliver(Envelope envelope, long now) {
        History history = histories.of(envelope.room());
        synchronized (history) {
            if (history.retired()) {
                deliver(envelope, now); // swept meanwhile: into the room's new history
                return;
            }
            Position position = envelope.position() != null ? envelope.position() : history.nextLocalPosition();
            JsonObject event = withPosition(envelope.payload(), position);
            String frame = event == null ? envelope.payload() : event.toString();
            histories.add(history, new History.Entry(position, frame, now));
            if (event != null && policies != null && policies.filtersDeliveries()) {
                rooms.fanOutFiltered(envelope.room(), frame, event, policies);
            } else {
                rooms.fanOut(envelope.room(), frame, EventNames.SAY);
            }
        }
    }

    /** The event with its position in its data; {@code null} for a frame that is no event with data. */
    private JsonObject withPosition(String frame, Position position) {
        JsonValue parsed;
        try {
            parsed = codec.parse(frame);
        } catch (FrameException e) {
            return null; // not a frame of ours (tests publish plain strings)
        }
        if (!(parsed instanceof JsonObject event) || !(event.get("data") instanceof JsonObject data)) {
            return null;
        }
        return BUILDERS.createObjectBuilder(event).add("data", BUILDERS.createObjectBuilder(data).add("position", position.toJson()))
                .build();
    }
}
