package dev.switchboard.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The role check of Switchboard's REST resources ({@link OperatorsOnlyCheck}, {@link PublishersOnlyCheck}): 401
 * (with a BASIC challenge) without a logged-in caller, 403 for one outside the role, the body
 * {@code {code, message}} with the protocol's codes.
 */
final class RoleCheck {

    private RoleCheck() {
    }

    static void require(HttpServletRequest request, String role, String login) {
        if (request.getUserPrincipal() == null) {
            throw refusal(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"switchboard\""), "UNAUTHORIZED", login);
        }
        if (!request.isUserInRole(role)) {
            throw refusal(Response.status(Response.Status.FORBIDDEN), "FORBIDDEN", "needs the role " + role);
        }
    }

    private static WebApplicationException refusal(Response.ResponseBuilder response, String code, String message) {
        return new WebApplicationException(response.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message)).build());
    }
}
