package com.example.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /chat-app/rest/about}: a resource of the application's, beside Switchboard's. */
@Path("about")
@RequestScoped
public class AboutResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public About about() {
        return new About("chat-app", "/chat-app/socket");
    }

    /** What the application says of itself. */
    public record About(String application, String socket) {
    }
}
