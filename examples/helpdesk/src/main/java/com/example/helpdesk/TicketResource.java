package com.example.helpdesk;

import dev.switchboard.api.SendOptions;
import dev.switchboard.api.Sent;
import dev.switchboard.api.Switchboard;
import dev.switchboard.api.Target;
import dev.switchboard.protocol.RoomView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /helpdesk/rest/tickets}: open, assign and close tickets, list them and their comments, and see who is in a
 * ticket's room — for callers with a Switchboard token ({@link Callers}). What changes reaches the clients through
 * the injected {@link Switchboard}: events of the application's own names ({@code ticket-created},
 * {@code ticket-assigned}, {@code ticket-closed}) to the board's room {@code tickets} and to the ticket's room, a line
 * said to the board, a direct message to a new assignee, whose connections the application puts into the ticket's
 * room. Each answer waits for Switchboard's stages (a returned {@code CompletionStage}: no request thread blocks).
 */
@Path("tickets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    @Inject
    Tickets tickets;

    @Inject
    Switchboard switchboard;

    @Inject
    Callers callers;

    @GET
    public JsonArray list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.of(authorization);
        JsonArrayBuilder all = Json.createArrayBuilder();
        tickets.all().forEach(ticket -> all.add(ticket.toJson()));
        return all.build();
    }

    /**
     * {@code POST {"title": …}}: opens a ticket reported by the caller, and tells the board — a {@code ticket-created}
     * event and a line, each with a key of the ticket's. A retry of the request (the same {@code Idempotency-Key})
     * finds the same ticket, and Switchboard recognises both keys: nothing reaches the board twice, and the answer's
     * {@code sent} says {@code repeated: true} with the original's id and position.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> open(JsonObject body, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String reporter = callers.of(authorization).user();
        Ticket ticket = tickets.open(text(body, "title", 200), reporter, key);
        SendOptions asReporter = SendOptions.NONE.as(reporter);
        String line = reporter + " opened #" + ticket.getId() + ": " + ticket.getTitle();
        return switchboard.emit(Target.room(Ticket.BOARD), "ticket-created", ticket.toJson(), asReporter.withKey(ticket.room()))
                .thenCompose(created -> switchboard.publish(Ticket.BOARD, Json.createValue(line), asReporter.withKey(ticket.room() + "-line"))
                        .thenApply(said -> Response.created(URI.create("tickets/" + ticket.getId()))
                                .entity(Json.createObjectBuilder().add("ticket", ticket.toJson()).add("sent", toJson(created)).build())
                                .build()));
    }

    /**
     * {@code POST {"assignee": …}}: gives the ticket to a user, puts every connection of theirs into the ticket's room,
     * tells them (when they are connected), and tells the board.
     */
    @POST
    @Path("{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> assign(@PathParam("id") long id, JsonObject body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.of(authorization);
        Ticket ticket = tickets.assign(id, text(body, "assignee", 64)).orElseThrow(NotFoundException::new);
        Target assignee = Target.user(ticket.getAssignee());
        return switchboard.subscribe(assignee, ticket.room())
                .thenCompose(subscribed -> switchboard.isConnected(assignee)
                        ? switchboard.tell(assignee, Json.createValue("ticket " + id + " is yours: " + ticket.getTitle())).thenApply(sent -> true)
                        : CompletableFuture.completedStage(false))
                .thenCompose(told -> switchboard.emit(Target.room(Ticket.BOARD), "ticket-assigned", ticket.toJson()))
                .thenApply(sent -> Response.ok(ticket.toJson()).build());
    }

    /** {@code POST}: closes the ticket, for its reporter or assignee; its room and the board hear it. */
    @POST
    @Path("{id}/close")
    public CompletionStage<Response> close(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String user = callers.of(authorization).user();
        if (!tickets.find(id).orElseThrow(NotFoundException::new).involves(user)) {
            throw new ForbiddenException("only the reporter and the assignee close ticket " + id);
        }
        Ticket ticket = tickets.close(id).orElseThrow(NotFoundException::new);
        SendOptions asCaller = SendOptions.NONE.as(user);
        return switchboard.emit(Target.room(ticket.room()), "ticket-closed", ticket.toJson(), asCaller)
                .thenCompose(sent -> switchboard.emit(Target.room(Ticket.BOARD), "ticket-closed", ticket.toJson(), asCaller))
                .thenApply(sent -> Response.ok(ticket.toJson()).build());
    }

    @GET
    @Path("{id}/comments")
    public JsonArray comments(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.of(authorization);
        tickets.find(id).orElseThrow(NotFoundException::new);
        JsonArrayBuilder all = Json.createArrayBuilder();
        tickets.comments(id).forEach(comment -> all.add(comment.toJson()));
        return all.build();
    }

    /** Who is in the ticket's room now, on every node, in the order they joined. */
    @GET
    @Path("{id}/presence")
    public RoomView presence(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.of(authorization);
        String room = tickets.find(id).orElseThrow(NotFoundException::new).room();
        return switchboard.presence(room).orElse(new RoomView(room, 0, List.of()));
    }

    /** A string member of the body: present, not blank, at most {@code max} characters. */
    private static String text(JsonObject body, String name, int max) {
        if (body != null && body.get(name) instanceof JsonString value && !value.getString().isBlank() && value.getString().length() <= max) {
            return value.getString().strip();
        }
        throw new BadRequestException("expected \"" + name + "\": a string of 1 to " + max + " characters");
    }

    private static JsonObject toJson(Sent sent) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("messageId", sent.messageId()).add("repeated", sent.repeated());
        if (sent.position() != null) {
            json.add("position", sent.position().toJson());
        }
        return json.build();
    }
}
