package dev.switchboard.admin;

import dev.switchboard.config.AuthSettings;
import dev.switchboard.security.Identity;
import dev.switchboard.security.TokenService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;

/**
 * {@code POST /switchboard/api/token}: a signed token for the user the container logged in (the path is
 * protected in {@code META-INF/web-fragment.xml}), with the roles of {@code switchboard.auth.tokenRoles} the user
 * holds. The browser or Java client then sends it with {@code auth {token}}.
 */
@Path("token")
@RequestScoped
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    AuthSettings settings;

    @Context
    SecurityContext security;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue() {
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        List<String> roles = settings.tokenRoles().stream().filter(security::isUserInRole).sorted().toList();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        String token = tokens.issue(principal.getName(), java.util.Set.copyOf(roles));
        Identity issued = tokens.verify(token);
        return Response.ok(new IssuedToken(token, issued.tokenId(), principal.getName(), roles, issued.expiresAt().toEpochMilli()))
                .cacheControl(noStore).build();
    }

    /** The answer: the token, its id (what revokes it alone), whom it is for, and when it expires (epoch milliseconds). */
    @JsonbPropertyOrder({"token", "tokenId", "user", "roles", "expiresAt"})
    public record IssuedToken(String token, String tokenId, String user, List<String> roles, long expiresAt) {
    }
}
