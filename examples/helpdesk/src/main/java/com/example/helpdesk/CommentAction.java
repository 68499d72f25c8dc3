package com.example.helpdesk;

import dev.switchboard.actions.Action;
import dev.switchboard.actions.ActionCall;
import dev.switchboard.actions.ActionFailedException;
import dev.switchboard.actions.ActionHandler;
import dev.switchboard.actions.Param;
import dev.switchboard.actions.ParamType;
import dev.switchboard.api.SendOptions;
import dev.switchboard.api.Switchboard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.concurrent.CompletionStage;

/**
 * {@code action {"action": "ticket.comment", "params": {"ticket": 17, "text": "…"}}}: the ticket's reporter or
 * assignee comments on it — the comment is stored, then said in the ticket's room on the commenter's behalf
 * ({@code from.user}), where every member gets it with its position. Answers the stored comment once the room has it.
 */
@ApplicationScoped
@Action(value = "ticket.comment", description = "Comments on a ticket you reported or were assigned; its room hears it.",
        params = {
            @Param(name = "ticket", type = ParamType.INTEGER, description = "the ticket's id"),
            @Param(name = "text", type = ParamType.STRING, description = "the comment, 1 to 2000 characters")
        })
public class CommentAction implements ActionHandler {

    @Inject
    Tickets tickets;

    @Inject
    Switchboard switchboard;

    @Override
    public CompletionStage<JsonObject> run(ActionCall call) {
        long id = call.params().getJsonNumber("ticket").longValue();
        String text = call.params().getString("text").strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw new ActionFailedException("a comment has 1 to 2000 characters");
        }
        Ticket ticket = tickets.find(id).orElseThrow(() -> new ActionFailedException("no ticket " + id));
        if (!ticket.involves(call.user())) {
            throw new ActionFailedException("only the reporter and the assignee comment on ticket " + id);
        }
        JsonObject comment = tickets.comment(id, call.user(), text).toJson();
        return switchboard.publish(ticket.room(), comment, SendOptions.NONE.as(call.user())).thenApply(sent -> comment);
    }
}
