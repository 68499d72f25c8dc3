package com.example.chat;

import dev.switchboard.actions.Action;
import dev.switchboard.actions.ActionCall;
import dev.switchboard.actions.ActionHandler;
import dev.switchboard.actions.Param;
import dev.switchboard.actions.ParamType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** The application's own action: {@code {"method":"action","params":{"action":"shout","params":{"text":"hi"}}}}. */
@ApplicationScoped
@Action(value = "shout", description = "Returns the text in capitals.",
        params = @Param(name = "text", type = ParamType.STRING, description = "what to shout"))
public class ShoutAction implements ActionHandler {

    @Override
    public Shout run(ActionCall call) {
        return new Shout(call.params().getString("text").toUpperCase(Locale.ROOT));
    }

    /** What {@code shout} answers. */
    public record Shout(String text) {
    }
}
