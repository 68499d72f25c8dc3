package dev.switchboard.rooms;

import dev.switchboard.cluster.ClusterUnavailableException;
import dev.switchboard.cluster.Envelope;
import dev.switchboard.events.Observers;
import dev.switchboard.events.Said;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.EventNames;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.Peer;
import dev.switchboard.protocol.Position;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sequencing and history: a room message from the bus gets its position (the sequencer's, or the next of
 * this node's own epoch when it runs alone), goes into the room's history with it, and out to the local
 * members — all under the history's lock, so that the history and every member see one order.
 *
 * <p>A message published with an idempotency key (the envelope's {@code target}) whose key the room's history
 * still holds is a repeat: dropped, on every node alike (every node sees the room in one order). On the node
 * that published a message, whoever waits for it ({@link #await}) learns its position — or, for a repeat, the
 * original's — and the application's observers get {@link Said}. The {@link KeyJournal} keeps the keys across a
 * crash of the node: after a restart, a repeat of a key delivered before it is still dropped.
 */
final class RoomMessages {

    /** Made once: {@code Json.createObjectBuilder()} looks the JSON provider up (a ServiceLoader scan) on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final Histories histories;
    /** The keys delivered here, across a crash of the node; {@code null} for none. */
    private final KeyJournal journal;
    private final LocalRooms rooms;
    private final FrameCodec codec;
    private final RoomPolicies policies;
    private final Observers observers;
    /** Messages this node published whose position someone waits for, by message id. */
    private final ConcurrentMap<String, Waiter> waiting = new ConcurrentHashMap<>();

    /**
     * The keyed messages this node published that have not come back yet, by room and key: a repeat of the key meanwhile
     * (a client that gave up waiting and asks again) waits for the same message instead of publishing another copy.
     */
    private final ConcurrentMap<String, Sent> inFlight = new ConcurrentHashMap<>();
    /** How long a keyed message may stay in flight before a repeat of its key is published again (it may be lost). */
    static final long IN_FLIGHT_MILLIS = 120_000;

    /** Who waits for a message's position, since when (epoch milliseconds). */
    private record Waiter(CompletableFuture<Published> future, long since) {
    }

    /** The message of {@link #inFlight}: its id, since when. */
    private record Sent(String messageId, long since) {
    }

    /** @param policies the policies whose {@code deliver} hook sees each receiver, or {@code null} (none) */
    RoomMessages(Histories histories, KeyJournal journal, LocalRooms rooms, FrameCodec codec, RoomPolicies policies,
            Observers observers) {
        this.histories = histories;
        this.journal = journal;
        this.rooms = rooms;
        this.codec = codec;
        this.policies = policies;
        this.observers = observers;
    }

    /** What completes when this node's message with this id is in its room's order here (before it is published). */
    CompletableFuture<Published> await(String messageId, long now) {
        return waiting.computeIfAbsent(messageId, id -> new Waiter(new CompletableFuture<>(), now)).future();
    }

    /**
     * For a keyed message about to be published: {@code null} when its key is new here — it may go, and is now in flight
     * from this node — or the answer to a repeat: at once, with the message the room holds for the key (in its history,
     * or in the keys restored from before a crash: what this node delivered it has in order, no trip through the cluster
     * needed); or, when this node published the key's message and it has not come back yet, what completes when it does.
     * Decided under the history's lock, where {@link #deliver} takes a message out of flight into the history: a repeat
     * finds it in one or the other.
     */
    CompletableFuture<Published> repeatOf(String room, String key, String messageId, long now) {
        History history = histories.of(room);
        synchronized (history) {
            if (history.retired()) {
                return repeatOf(room, key, messageId, now); // swept meanwhile: the room's new history
            }
            Published known = known(history, room, key);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            Sent earlier = inFlight.putIfAbsent(flightKey(room, key), new Sent(messageId, now));
            return earlier == null ? null : await(earlier.messageId(), now).thenApply(Published::asRepeat);
        }
    }

    /** Its publish failed: nothing with this key is in flight from here. */
    void notSent(String room, String key) {
        inFlight.remove(flightKey(room, key));
    }

    private static String flightKey(String room, String key) {
        return room + '\u0000' + key;
    }

    /** Nobody waits for it any more (its publish failed, or the waiter gave up). */
    void forget(String messageId) {
        waiting.remove(messageId);
    }

    /**
     * Fails the waits that began before {@code before}: the bus took those messages and never brought them back (a
     * broker that lost them, a sequencer that died). Whether they will still arrive is unknown, which the failure says;
     * a repeat with the same key is safe. Returns how many failed.
     */
    int expire(long before, long waited) {
        long now = before + waited;
        inFlight.values().removeIf(sent -> now - sent.since() > IN_FLIGHT_MILLIS);
        int failed = 0;
        for (Map.Entry<String, Waiter> entry : waiting.entrySet()) {
            Waiter waiter = entry.getValue();
            if (waiter.since() < before && waiting.remove(entry.getKey(), waiter)) {
                waiter.future().completeExceptionally(ClusterUnavailableException.unplaced(entry.getKey(), waited));
                failed++;
            }
        }
        return failed;
    }

    /** A {@link Envelope.Kind#ROOM} envelope. */
    void deliver(Envelope envelope, boolean own, long now) {
        History history = histories.of(envelope.room());
        Published published = null;
        CompletableFuture<Published> waiter = null;
        Said said = null;
        synchronized (history) {
            if (history.retired()) {
                deliver(envelope, own, now); // swept meanwhile: into the room's new history
                return;
            }
            String key = envelope.key().isEmpty() ? null : envelope.key();
            if (own && key != null && !inFlight.isEmpty()) {
                inFlight.remove(flightKey(envelope.room(), key)); // in the room's history from now on
            }
            Published known = key == null ? null : known(history, envelope.room(), key);
            if (known != null) {
                if (envelope.position() != null) {
                    history.passed(envelope.position()); // its offset is no gap: the repeat is dropped on purpose
                }
                if (own && !waiting.isEmpty()) {
                    String repeatId = messageIdOf(parsed(envelope.payload()));
                    Waiter repeat = repeatId == null ? null : waiting.remove(repeatId);
                    if (repeat != null) {
                        waiter = repeat.future();
                        published = known;
                    }
                }
            } else {
                Position position = envelope.position() != null ? envelope.position() : history.nextLocalPosition();
                boolean filtered = policies != null && policies.filtersDeliveries();
                boolean observed = own && observers.observes(Said.class);
                // the same text whoever looks at it; a tree only where a policy or an observer needs one, or the frame
                // is not one RoomFrame reads
                RoomFrame read = RoomFrame.of(envelope.payload(), position);
                JsonObject event = read == null ? withPosition(envelope.payload(), position)
                        : filtered || observed ? (JsonObject) codec.parse(read.frame()) : null;
                String frame = read != null ? read.frame() : event == null ? envelope.payload() : event.toString();
                String messageId = read != null ? read.messageId() : messageIdOf(event);
                long sentAt = read != null ? read.sentAt() : sentAtOf(event);
                histories.add(history, History.Entry.keyed(position, frame, now, key, messageId, sentAt));
                if (key != null && journal != null) {
                    journal.keep(envelope.room(), key, messageId, position, sentAt); // before anyone has it
                }
                if (event != null && filtered) {
                    rooms.fanOutFiltered(envelope.room(), frame, event, policies);
                } else {
                    rooms.fanOut(envelope.room(), frame, read != null ? kindOf(read.event()) : kindOf(event));
                }
                if (own && messageId != null) {
                    Waiter first = waiting.remove(messageId);
                    waiter = first == null ? null : first.future();
                    published = new Published(envelope.room(), messageId, position, sentAt, false);
                    said = observed && event != null ? said(envelope.room(), event, messageId, position) : null;
                }
            }
        }
        if (waiter != null) {
            waiter.complete(published);
        }
        if (said != null) {
            observers.report(said);
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

    /** What the message counts as among the frames sent: {@code say}, or {@code event} for an application's event. */
    private static String kindOf(JsonObject event) {
        return kindOf(event == null ? null : event.getString("event", null));
    }

    /** The same of an event's name, or of none ({@code null}). */
    private static String kindOf(String name) {
        String event = name == null ? EventNames.SAY : name;
        return EventNames.RESERVED.contains(event) ? event : Meters.APPLICATION_EVENT;
    }

    /** The frame parsed, or {@code null} when it is no JSON (tests publish plain strings). */
    private JsonValue parsed(String frame) {
        try {
            return codec.parse(frame);
        } catch (FrameException e) {
            return null;
        }
    }

    /**
     * The message a room holds for a key, as the answer to a repeat — in its history, or in the keys restored from before
     * a crash — or {@code null}. Call holding the history's monitor.
     */
    private Published known(History history, String room, String key) {
        History.Entry original = history.original(key);
        if (original != null) {
            long sentAt = original.sentAt() != 0 ? original.sentAt() : sentAtOf(parsed(original.frame())); // kept before it was
            return new Published(room, original.messageId(), original.position(), sentAt, true);
        }
        KeyJournal.Kept kept = journal == null ? null : journal.restored(room, key);
        return kept == null ? null : new Published(room, kept.messageId(), kept.position(), kept.sentAt(), true);
    }

    private static long sentAtOf(JsonValue event) {
        return event instanceof JsonObject object && object.get("data") instanceof JsonObject data
                && data.get("sentAt") instanceof jakarta.json.JsonNumber at ? at.longValue() : 0;
    }

    private static String messageIdOf(JsonValue event) {
        return event instanceof JsonObject object && object.get("data") instanceof JsonObject data
                ? data.getString("messageId", null) : null;
    }

    /** The observers' event: a {@code say}'s message, or an application event's data. */
    private static Said said(String room, JsonObject event, String messageId, Position position) {
        JsonObject data = event.getJsonObject("data");
        JsonObject from = data.get("from") instanceof JsonObject sender ? sender : JsonValue.EMPTY_JSON_OBJECT;
        String name = event.getString("event", EventNames.SAY);
        JsonValue message = data.get(EventNames.SAY.equals(name) ? "message" : "data");
        return new Said(room, name, new Peer(from.getString("id", null), from.getString("user", null)),
                message == null ? JsonValue.NULL : message, messageId, position,
                data.get("sentAt") instanceof jakarta.json.JsonNumber sentAt ? sentAt.longValue() : 0);
    }
}
