package dev.switchboard.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Jakarta REST under {@code /switchboard/api}: Switchboard's own resources, listed, so that this
 * {@code Application} serves nothing else of a WAR that holds more. (An {@code Application} that lists
 * nothing serves every root resource of its WAR; that is why the admin resource checks its role itself.)
 */
@ApplicationPath("/api")
public class RestApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AdminResource.class, ConsoleResource.class, TokenResource.class, ServerApiResource.class);
    }
}
