package dev.switchboard.admin;

import dev.switchboard.api.Counts;
import dev.switchboard.api.InvalidRequestException;
import dev.switchboard.api.SendOptions;
import dev.switchboard.api.Sent;
import dev.switchboard.api.Switchboard;
import dev.switchboard.api.Target;
import dev.switchboard.protocol.SwitchboardFailure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The server API over HTTP, for services that are not Java beans of this WAR (Centrifugo's server API): the
 * operations of {@link Switchboard} with the same meaning and error codes, under {@code /api/server}, for callers
 * in the role {@value PublishersOnlyCheck#ROLE}. A target is {@code {"room": …}}, {@code {"user": …}} or
 * {@code {"connection": …}}. A publish or a room's event with an {@code Idempotency-Key} header is sent at most once
 * for as long as the room's history keeps it (keys are the caller's own: another caller's same key is another key).
 * A refusal is {@code {code, message}} with the status of its code (400, 403, 404, 503). See docs/server-api.md.
 */
@Path("server")
@RequestScoped
@PublishersOnly
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServerApiResource {

    @Inject
    Switchboard switchboard;

    @jakarta.ws.rs.core.Context
    SecurityContext security;

    @POST
    @Path("publish")
    public CompletionStage<Response> publish(JsonObject body, @HeaderParam("Idempotency-Key") String key) {
        return answer(() -> switchboard.publish(string(body, "room"), value(body, "message"), options(body, key)), ServerApiResource::sent);
    }

    @POST
    @Path("tell")
    public CompletionStage<Response> tell(JsonObject body) {
        return answer(() -> switchboard.tell(target(body, "to"), value(body, "message"), options(body, null)), ServerApiResource::sent);
    }

    @POST
    @Path("emit")
    public CompletionStage<Response> emit(JsonObject body, @HeaderParam("Idempotency-Key") String key) {
        return answer(() -> switchboard.emit(target(body, "to"), string(body, "event"), value(body, "data"), options(body, key)),
                ServerApiResource::sent);
    }

    @POST
    @Path("subscribe")
    public CompletionStage<Response> subscribe(JsonObject body) {
        return answer(() -> switchboard.subscribe(target(body, "who"), string(body, "room")), done -> Response.noContent().build());
    }

    @POST
    @Path("unsubscribe")
    public CompletionStage<Response> unsubscribe(JsonObject body) {
        return answer(() -> switchboard.unsubscribe(target(body, "who"), string(body, "room")), done -> Response.noContent().build());
    }

    @POST
    @Path("disconnect")
    public CompletionStage<Response> disconnect(JsonObject body) {
        return answer(() -> switchboard.disconnect(target(body, "who"), body.getString("reason", null), body.getBoolean("reconnect", false)),
                done -> Response.noContent().build());
    }

    @GET
    @Path("presence/{room}")
    public Response presence(@PathParam("room") String room) {
        try {
            return Response.ok(switchboard.presence(room).map(view -> (Object) view)
                    .orElse(Map.of("room", room, "membersCount", 0, "members", java.util.List.of()))).build();
        } catch (SwitchboardFailure e) {
            return refusal(e);
        }
    }

    @GET
    @Path("users/{user}/rooms")
    public Response roomsOf(@PathParam("user") String user) {
        try {
            return Response.ok(Map.of("user", user, "rooms", switchboard.roomsOf(user), "connected",
                    switchboard.isConnected(Target.user(user)))).build();
        } catch (SwitchboardFailure e) {
            return refusal(e);
        }
    }

    @GET
    @Path("counts")
    public Counts counts() {
        return switchboard.counts();
    }

    /** The caller's key, scoped by who the caller is: a key means one thing per caller. */
    private SendOptions options(JsonObject body, String key) {
        String user = body.get("user") instanceof JsonString as ? as.getString() : null;
        String principal = security.getUserPrincipal().getName();
        // the caller's name with its length: "a:b" and "c" never meet "a" and "b:c"
        String scoped = key == null || key.isBlank() ? null : "http:" + principal.length() + ":" + principal + ":" + key.strip();
        return new SendOptions(user, scoped);
    }

    private static Object sent(Sent sent) {
        return Json.createObjectBuilder().add("messageId", sent.messageId())
                .add("position", sent.position() == null ? JsonValue.NULL : sent.position().toJson())
                .add("repeated", sent.repeated()).build();
    }

    /** The stage's outcome as a response: its value, or its refusal with the status of its code. */
    private static <T> CompletionStage<Response> answer(java.util.function.Supplier<CompletionStage<T>> operation, Function<T, Object> body) {
        CompletionStage<T> stage;
        try {
            stage = operation.get();
        } catch (SwitchboardFailure e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return stage.handle((value, failure) -> {
            if (failure == null) {
                Object entity = body.apply(value);
                return entity instanceof Response response ? response : Response.ok(entity).build();
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof SwitchboardFailure refused) {
                return refusal(refused);
            }
            throw new IllegalStateException(cause);
        });
    }

    static Response refusal(SwitchboardFailure failure) {
        int status = switch (failure.code()) {
            case BAD_PARAMS, BAD_FRAME, TOO_LARGE -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, NOT_IN_ROOM -> 403;
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            default -> 500;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", failure.failure().code().name(), "message", failure.failure().message())).build();
    }

    private static Target target(JsonObject body, String field) {
        if (!(body.get(field) instanceof JsonObject target) || target.size() != 1) {
            throw new InvalidRequestException("expected '" + field + "' to be {\"room\": …}, {\"user\": …} or {\"connection\": …}");
        }
        String kind = target.keySet().iterator().next();
        String name = string(target, kind);
        return switch (kind) {
            case "room" -> Target.room(name);
            case "user" -> Target.user(name);
            case "connection" -> Target.connection(name);
            default -> throw new InvalidRequestException("expected '" + field + "' to name a room, a user or a connection, got '" + kind + "'");
        };
    }

    private static String string(JsonObject body, String field) {
        if (body == null || !(body.get(field) instanceof JsonString text)) {
            throw new InvalidRequestException("expected '" + field + "' to be a string");
        }
        return text.getString();
    }

    private static JsonValue value(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null) {
            throw new InvalidRequestException("expected '" + field + "': any JSON value");
        }
        return value;
    }
}
