package dev.switchboard.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The sample action that ships in switchboard-server: says the text back, as often as asked, with who asked. */
@ApplicationScoped
@Action(value = "echo", description = "Returns the text, repeated 'times' times, with the caller's user name.",
        params = {
            @Param(name = "text", type = ParamType.STRING, description = "what to say back"),
            @Param(name = "times", type = ParamType.INTEGER, required = false, description = "1 to 10; default 1")
        })
public class EchoAction implements ActionHandler {

    static final int MAX_TIMES = 10;

    @Override
    public Echo run(ActionCall call) {
        JsonNumber given = call.params().getJsonNumber("times");
        int times = given == null ? 1 : given.intValue();
        if (times < 1 || times > MAX_TIMES) {
            throw new ActionFailedException("'times' must be from 1 to " + MAX_TIMES + ", got " + given);
        }
        return new Echo(call.params().getString("text").repeat(times), call.user());
    }

    /** What {@code echo} answers. */
    @JsonbPropertyOrder({"text", "user"})
    public record Echo(String text, String user) {
    }
}
