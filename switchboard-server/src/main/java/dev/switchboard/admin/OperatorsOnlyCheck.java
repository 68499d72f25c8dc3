package dev.switchboard.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

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
        RoleCheck.require(request, ROLE, "log in as an operator");
        return invocation.proceed();
    }
}
