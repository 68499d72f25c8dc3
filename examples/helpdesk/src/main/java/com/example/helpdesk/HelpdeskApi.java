package com.example.helpdesk;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The application's own Jakarta REST, under {@code /helpdesk/rest}; Switchboard's stays under {@code /helpdesk/api}. */
@ApplicationPath("/rest")
public class HelpdeskApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TicketResource.class, AuditResource.class, SessionResource.class, ClientErrors.class);
    }
}
