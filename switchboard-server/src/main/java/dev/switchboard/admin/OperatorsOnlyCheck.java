package dev.switchboard.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The check behind {@link OperatorsOnly}: 401 (with a BASIC challenge) without a logged-in caller, 403
 * for one outside the role; the method runs only for an operator.
 */
@OperatorsOnly
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class OperatorsOnlyCheck {

    /** The operators' role, mapped to the realm's group of the same name (Payara: glassfish-web.xml). */
    public static final String ROLE = "switchboard-admin";

    @Inject
    HttpServletRequest request;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        if (request.getUserPrincipal() == null) {
            throw refusal(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"switchboard\""), "UNAUTHORIZED", "log in as an operator");
        }
        if (!request.isUserInRole(ROLE)) {
            throw refusal(Response.status(Response.Status.FORBIDDEN), "FORBIDDEN", "needs the role " + ROLE);
        }
        return invocation.proceed();
    }

    private static WebApplicationException refusal(Response.ResponseBuilder response, String code, String message) {
        return new WebApplicationException(response.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message)).build());
    }
}
