package dev.switchboard.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/**
 * An application's own Jakarta REST {@code Application} beside Switchboard's, listing nothing: it serves
 * every root resource of the WAR under {@code /app}, Switchboard's admin resource among them.
 */
@ApplicationPath("/app")
public class ApplicationRestApi extends Application {

    /** The application's own resource, {@code GET /app/hello}: shows that this {@code Application} is live. */
    @Path("hello")
    public static class Hello {
        @GET
        public String hello() {
            return "hello";
        }
    }
}
