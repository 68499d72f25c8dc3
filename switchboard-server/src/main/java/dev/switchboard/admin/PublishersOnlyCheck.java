package dev.switchboard.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/** The check behind {@link PublishersOnly}: the method runs only for a caller in the publishers' role. */
@PublishersOnly
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class PublishersOnlyCheck {

    /** The role of services that use the server API over HTTP, mapped to the realm's group of the same name (Payara: glassfish-web.xml). */
    public static final String ROLE = "switchboard-publisher";

    @Inject
    HttpServletRequest request;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        RoleCheck.require(request, ROLE, "log in as a publishing service");
        return invocation.proceed();
    }
}
