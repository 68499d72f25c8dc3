package dev.switchboard.api;

import dev.switchboard.protocol.RoomView;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CompletionStage;

/**
 * Switchboard for application code: inject it into any bean — a REST resource, an EJB, a message-driven bean, a
 * scheduled job, an observer — on any node of the cluster, and reach the clients.
 *
 * <pre>{@code
 * @Inject Switchboard switchboard;
 *
 * switchboard.publish("orders", Json.createValue("order 17 shipped"));               // like a client's say
 * switchboard.emit(Target.room("orders"), "order-shipped", orderAsJson);              // clients: on("order-shipped", …)
 * switchboard.tell(Target.user("ann"), Json.createValue("your ticket was assigned"));  // every connection of ann's
 * switchboard.subscribe(Target.user("ann"), "ticket-17");                             // ann's connections join
 * }</pre>
 *
 * <p><b>Threads.</b> Every method returns at once and never blocks on the network: what it sends is handed to the
 * cluster bus (a JMS send that the broker confirms, or nothing at all on a node alone), and the returned stage
 * completes later, on the container's managed executor — never on a thread of Switchboard's, so a dependent stage
 * may block. The read methods ({@link #presence}, {@link #roomsOf}, {@link #counts}) answer from this node's view
 * of the cluster at once.
 *
 * <p><b>Order.</b> Messages to a room from one thread reach every member in the order they were sent, with each
 * other and with every other message of the room (one order per room, on every node); messages to different rooms,
 * or from different threads, have no order between them.
 *
 * <p><b>Failure.</b> When the cluster bus cannot take a message (the broker is down) nothing is sent and the stage
 * fails with {@code ClusterUnavailableException} ({@code UNAVAILABLE}); a room policy's refusal fails it with the
 * policy's {@code PolicyRefusal}; a bad name with {@link InvalidRequestException}. A message that went out but whose
 * position did not come back in time fails with {@link PositionTimeoutException}: send it again with the same
 * {@link SendOptions#key() key}. Every failure is a {@code SwitchboardFailure} with the error code a client would get.
 */
public interface Switchboard {

    /** {@link #publish(String, JsonValue, SendOptions)} as the application itself, without a key. */
    default CompletionStage<Sent> publish(String room, JsonValue message) {
        return publish(room, message, SendOptions.NONE);
    }

    /**
     * Says a message to a room, as a client's {@code say} would: the room's policies see it ({@code say}, then
     * {@code deliver} per receiver), it takes one position in the room's order and its history, and every member on
     * every node gets it once, as a {@code say} event whose {@code from.id} is {@code null} (and {@code from.user}
     * the user of the options). No one needs to be a member. The stage completes with its id and position.
     */
    CompletionStage<Sent> publish(String room, JsonValue message, SendOptions options);

    /** {@link #tell(Target, JsonValue, SendOptions)} as the application itself. */
    default CompletionStage<Sent> tell(Target to, JsonValue message) {
        return tell(to, message, SendOptions.NONE);
    }

    /**
     * Sends a direct message to every connection of a user, or to one connection, wherever they are: a {@code tell}
     * event whose {@code from.id} is {@code null}. Fails with {@link NotConnectedException} when no such connection
     * is open in the cluster (as a client's {@code tell}); no position (it is no room's message), no key.
     */
    CompletionStage<Sent> tell(Target to, JsonValue message, SendOptions options);

    /** {@link #emit(Target, String, JsonValue, SendOptions)} as the application itself, without a key. */
    default CompletionStage<Sent> emit(Target to, String event, JsonValue data) {
        return emit(to, event, data, SendOptions.NONE);
    }

    /**
     * Sends an event of the application's own name ({@code order-shipped}; not one of the protocol's or the clients'
     * own names, {@code EventNames.RESERVED}): clients listen with {@code on("order-shipped", …)} and get
     * {@code {room, from, data, messageId, sentAt}}. To a room, it is the room's message like a {@code say} — in its
     * order and history, with a {@code position}, recovered after a reconnect, repeated at most once with a key —
     * but no policy sees it; to a user or a connection, it goes like a {@code tell}.
     */
    CompletionStage<Sent> emit(Target to, String event, JsonValue data, SendOptions options);

    /**
     * Puts every connection of a user, or one connection, into a room — wherever it is, without asking the room's
     * policies (the application decides). The room's members get {@code join}, as for a {@code roomAdd}; the clients
     * take the room as theirs (they re-join it after a reconnect). Connections the user opens later are not put in
     * (the default rooms, {@code switchboard.rooms.onAuth}, are).
     */
    CompletionStage<Void> subscribe(Target who, String room);

    /** Takes every connection of a user, or one connection, out of a room, wherever it is; the members get {@code leave}. */
    CompletionStage<Void> unsubscribe(Target who, String room);

    /**
     * Closes every connection of a user, or one connection, wherever it is: it gets {@code end} with this reason and
     * whether to come back ({@code reconnect: false}: the clients stay away), then the close — 1001 when it may come
     * back, 1008 when not.
     */
    CompletionStage<Void> disconnect(Target who, String reason, boolean reconnect);

    /** The members of a room on every node, in the order they joined; empty when it has none. */
    Optional<RoomView> presence(String room);

    /** The rooms the connections of a user are in, on every node. */
    SortedSet<String> roomsOf(String user);

    /** Whether a connection of the user, or with the id, is open anywhere in the cluster. */
    boolean isConnected(Target who);

    /** Connections, rooms and memberships in the cluster. */
    Counts counts();
}
