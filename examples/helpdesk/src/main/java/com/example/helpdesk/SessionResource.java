package com.example.helpdesk;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.security.TokenService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * {@code POST /helpdesk/rest/session {"user": "ann"}}: the development sign-in — a token for any name, only where
 * Switchboard lets development guests in ({@code switchboard.auth.guest=true}); 403 everywhere else. A real
 * application issues its users' tokens after its own login, with the same {@link TokenService} (or Switchboard's
 * {@code POST /helpdesk/api/token} after the container's).
 */
@Path("session")
@RequestScoped
public class SessionResource {

    @Inject
    AuthSettings settings;

    @Inject
    TokenService tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject signIn(JsonObject body) {
        if (!settings.guest()) {
            throw new ForbiddenException("the development sign-in needs switchboard.auth.guest=true");
        }
        String user = body == null ? "" : body.getString("user", "").strip();
        if (user.isEmpty() || user.length() > 64) {
            throw new BadRequestException("expected a user name of 1 to 64 characters");
        }
        return Json.createObjectBuilder().add("user", user).add("token", tokens.issue(user, Set.of())).build();
    }
}
