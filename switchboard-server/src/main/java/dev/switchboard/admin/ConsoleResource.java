package dev.switchboard.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The operators' console, {@code GET /switchboard/api/admin/console}: one HTML page that calls the admin API beside
 * it (nodes, rooms and members, live rates, alert, disconnect, drain). Served from inside the API, behind the same
 * role and login, rather than as a static file: no other path of a WAR that holds the server jar is taken, and the
 * page is never public.
 */
@Path("admin/console")
@RequestScoped
@OperatorsOnly
public class ConsoleResource {

    private static final String PAGE = "console.html";

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page() {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks " + PAGE);
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(in.readAllBytes()).cacheControl(noStore).header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                            + "img-src 'self' data:; frame-ancestors 'none'")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
