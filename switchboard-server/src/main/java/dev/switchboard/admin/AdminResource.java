package dev.switchboard.admin;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.AuthSettings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.SwitchboardFailure;
import dev.switchboard.rooms.NodeState;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Refusals;
import dev.switchboard.security.Revocation;
import dev.switchboard.security.Revocations;
import dev.switchboard.server.NodeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operators' API under {@code /switchboard/api/admin}, for users in the role {@code switchboard-admin}:
 * every operation checks the role itself ({@link OperatorsOnly}), besides the constraint on the path in
 * {@code META-INF/web-fragment.xml}, so that no other path or {@code Application} of a WAR can reach it unchecked. Rooms, members, alerts and disconnects are
 * cluster-wide, whichever node takes the request; a drain concerns the node that takes it.
 * Errors are {@code {"code", "message"}} with the protocol's codes.
 */
@Path("admin")
@RequestScoped
@OperatorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    @Inject
    RoomRegistry registry;

    @Inject
    NodeStatus status;

    @Inject
    NodeIdentity node;

    @Inject
    ClusterBus bus;

    @Inject
    Revocations revocations;

    @Inject
    AuthSettings auth;

    @Inject
    Meters meters;

    @Inject
    Refusals refusals;

    /** Every room with members on any node, by name. */
    @GET
    @Path("rooms")
    public RoomList rooms() {
        List<RoomCount> rooms = registry.roomCounts().entrySet().stream()
                .map(room -> new RoomCount(room.getKey(), room.getValue())).toList();
        return new RoomList(rooms.size(), rooms);
    }

    /** One room's members on every node, as {@code roomView} gives them; 404 when it has none. */
    @GET
    @Path("rooms/{room}")
    public Response room(@PathParam("room") String room) {
        return registry.view(roomName(room)).map(view -> Response.ok(view).build())
                .orElseGet(() -> error(Status.NOT_FOUND, "NOT_FOUND", "room '" + room + "' has no members"));
    }

    /**
     * {@code {"message": any JSON, "room": "name"}} — an {@code alert} event to the room's members, or,
     * without {@code room}, to every connection of the cluster. 202: it is on its way.
     */
    @POST
    @Path("alert")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response alert(String text) {
        Parsed parsed = parse(text);
        if (parsed.refused() != null) {
            return parsed.refused();
        }
        JsonObject body = parsed.body();
        if (body == null || !body.containsKey("message")) {
            return error(Status.BAD_REQUEST, "BAD_PARAMS", "expected {\"message\": …, \"room\": optional name}");
        }
        JsonValue room = body.get("room");
        RoomName name = null;
        if (room instanceof JsonString string) {
            name = roomName(string.getString());
        } else if (room != null && room.getValueType() != JsonValue.ValueType.NULL) {
            throw new WebApplicationException(error(Status.BAD_REQUEST, "BAD_PARAMS", "room must be a string"));
        }
        registry.alert(name, body.get("message"));
        return Response.accepted(Map.of("sent", true, "room", name == null ? "*" : name.value())).build();
    }

    /**
     * Closes the connection with this id, or every connection of this user, wherever it is: it gets
     * {@code end} with {@code reconnect: false} and the close 1008. 404 when none is open.
     */
    @DELETE
    @Path("connections/{idOrUser}")
    public Response disconnect(@PathParam("idOrUser") String idOrUser) {
        if (!registry.isConnected(idOrUser)) {
            return error(Status.NOT_FOUND, "NOT_FOUND", "no connection with id or user '" + idOrUser + "'");
        }
        registry.disconnect(idOrUser);
        return Response.accepted(Map.of("disconnecting", idOrUser)).build();
    }

    /**
     * Revokes a token or a user's tokens on every node: {@code {"tokenId": "<jti>"}}, or {@code {"user": "ann"}} for
     * every token of ann's issued (and every login of ann's proven) before {@code issuedBefore} (epoch milliseconds;
     * default now). Kept until {@code until} (default now + {@code switchboard.auth.revocationSeconds}): past it the
     * tokens it covers must have expired. The connections it covers get {@code end} with {@code reconnect: false} and
     * the close 1008, and their tokens are refused at {@code auth}. 202 with the revocation; 503 when the cluster cannot
     * take it now (then no node has it).
     */
    @POST
    @Path("revocations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(String text) {
        Parsed parsed = parse(text);
        if (parsed.refused() != null) {
            return parsed.refused();
        }
        JsonObject body = parsed.body();
        Instant now = Instant.now();
        Revocation revocation;
        try {
            if (body == null) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            String tokenId = name(body, "tokenId");
            String user = name(body, "user");
            Instant until = time(body, "until", now.plus(auth.revocationLifetime()));
            if (!until.isAfter(now)) {
                throw new IllegalArgumentException("until is in the past: nothing to revoke");
            }
            revocation = tokenId != null && user == null ? Revocation.ofToken(tokenId, until)
                    : user != null && tokenId == null ? Revocation.ofUser(user, time(body, "issuedBefore", now), until)
                    : null;
            if (revocation == null) {
                throw new IllegalArgumentException("expected {\"tokenId\": …} or {\"user\": …, \"issuedBefore\": optional epoch ms},"
                        + " with \"until\": optional epoch ms");
            }
        } catch (IllegalArgumentException e) {
            return error(Status.BAD_REQUEST, "BAD_PARAMS", e.getMessage());
        }
        try {
            registry.revoke(revocation.toJson().toString());
        } catch (SwitchboardFailure e) {
            return ServerApiResource.refusal(e);
        }
        return Response.accepted(revocation.toJson()).build();
    }

    /** The revocations in force, as this node knows them. */
    @GET
    @Path("revocations")
    public JsonObject revocations() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        List<Revocation> current = revocations.current();
        current.forEach(revocation -> all.add(revocation.toJson()));
        return Json.createObjectBuilder().add("count", current.size()).add("revocations", all).build();
    }

    /** A request's body: a JSON object, {@code null} when it is JSON but no object, or the refusal of what is no JSON. */
    private record Parsed(JsonObject body, Response refused) {
    }

    /**
     * Reads a body; broken JSON and unpaired surrogates (they could reach every connection) are a 400 {@code BAD_FRAME},
     * answered rather than thrown (WildFly's RESTEasy logs a thrown 4xx as an error).
     */
    private static Parsed parse(String text) {
        JsonObject body;
        try (JsonReader reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            body = reader.read() instanceof JsonObject object ? object : null;
        } catch (RuntimeException e) { // JsonException, and Parsson's nesting limit (a plain RuntimeException)
            return new Parsed(null, error(Status.BAD_REQUEST, "BAD_FRAME", "expected a JSON object: " + e.getMessage()));
        }
        if (body != null && !FrameCodec.isWholeText(body)) {
            return new Parsed(null, error(Status.BAD_REQUEST, "BAD_FRAME", "expected text of whole characters, got an unpaired surrogate"));
        }
        return new Parsed(body, null);
    }

    private static String name(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string) || string.getString().isBlank() || string.getString().length() > 256) {
            throw new IllegalArgumentException(field + " must be a string of 1 to 256 characters");
        }
        return string.getString();
    }

    private static Instant time(JsonObject body, String field, Instant otherwise) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return otherwise;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
            throw new IllegalArgumentException(field + " must be epoch milliseconds");
        }
        return Instant.ofEpochMilli(number.longValue());
    }

    /**
     * Drains the node that takes this request: readiness fails, new connections are refused, open ones
     * get {@code end} with {@code reconnect: true} and are closed, so that their clients go to other nodes.
     * Lasts until the node restarts. 202 the first time, 200 after.
     */
    @POST
    @Path("drain")
    public Response drain() {
        boolean started = status.drain();
        return Response.status(started ? Status.ACCEPTED : Status.OK).entity(nodeView()).build();
    }

    /** What this node is: its id, whether it drains, its cluster link, its rooms. */
    @GET
    @Path("node")
    public NodeView nodeView() {
        ClusterBus.Link link = bus.link();
        return new NodeView(node.nodeId(), status.draining(), link.mode(), link.up(), registry.roomCount());
    }

    /**
     * The nodes of the cluster: this one first, then every node it hears from — id, host, connections, rooms, members,
     * how long since it was last heard from, whether it drains (from the heartbeats the nodes exchange).
     */
    @GET
    @Path("nodes")
    public NodeList nodes() {
        List<NodeState.Summary> nodes = registry.nodes();
        return new NodeList(nodes.size(), nodes);
    }

    /**
     * Drains the node with this id, whichever node takes the request: this one at once, another through the cluster
     * (202; it drains when the request reaches it, and its heartbeats then say so). 404 when no such node is heard from.
     */
    @POST
    @Path("nodes/{node}/drain")
    public Response drain(@PathParam("node") String id) {
        if (id.equals(node.nodeId())) {
            return drain();
        }
        if (registry.nodes().stream().noneMatch(known -> known.node().equals(id))) {
            return error(Status.NOT_FOUND, "NOT_FOUND", "no node '" + id + "' in the cluster");
        }
        registry.askToDrain(id);
        return Response.accepted(Map.of("node", id, "asked", true)).build();
    }

    /**
     * What this node counted since it started, for the console's live rates (two of these a moment apart): frames in
     * and out, deliveries, drops, and the refusals by kind, summed into refusals and evictions.
     */
    @GET
    @Path("stats")
    public Stats stats() {
        NodeState.Summary self = registry.nodes().get(0);
        Meters.Totals totals = meters.totals();
        Map<String, Long> byKind = new LinkedHashMap<>();
        long refused = 0;
        long evicted = 0;
        for (Map.Entry<Refusals.Kind, Long> count : refusals.snapshot().entrySet()) {
            byKind.put(count.getKey().name().toLowerCase(Locale.ROOT), count.getValue());
            if (count.getKey().eviction()) {
                evicted += count.getValue();
            } else {
                refused += count.getValue();
            }
        }
        return new Stats(self.node(), System.currentTimeMillis(), self.connections(), self.rooms(), self.members(),
                totals.messagesIn(), totals.messagesOut(), totals.deliveries(), totals.dropped(), refused, evicted, byKind);
    }

    /** A room name as a client's would be checked; 400 {@code BAD_PARAMS} when it is none. */
    private static RoomName roomName(String value) {
        try {
            return new RoomName(value);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(error(Status.BAD_REQUEST, "BAD_PARAMS", e.getMessage()));
        }
    }

    private static Response error(Status status, String code, String message) {
        return Response.status(status).entity(Map.of("code", code, "message", message)).build();
    }

    @JsonbPropertyOrder({"count", "rooms"})
    public record RoomList(int count, List<RoomCount> rooms) {
    }

    @JsonbPropertyOrder({"room", "membersCount"})
    public record RoomCount(String room, int membersCount) {
    }

    @JsonbPropertyOrder({"count", "nodes"})
    public record NodeList(int count, List<NodeState.Summary> nodes) {
    }

    @JsonbPropertyOrder({"node", "at", "connections", "rooms", "members", "messagesIn", "messagesOut", "deliveries", "dropped",
            "refused", "evicted", "refusals"})
    public record Stats(String node, long at, int connections, int rooms, int members, long messagesIn, long messagesOut,
            long deliveries, long dropped, long refused, long evicted, Map<String, Long> refusals) {
    }

    @JsonbPropertyOrder({"node", "draining", "cluster", "clusterUp", "localRooms"})
    public record NodeView(String node, boolean draining, String cluster, boolean clusterUp, int localRooms) {
    }
}
