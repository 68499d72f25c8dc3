package com.example.helpdesk;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /helpdesk/rest/audit[?room=…]}: the audit trail {@link AuditTrail} wrote, oldest first, for signed-in callers. */
@Path("audit")
@RequestScoped
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    Callers callers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray entries(@QueryParam("room") String room, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        callers.of(authorization);
        JsonArrayBuilder entries = Json.createArrayBuilder();
        trail.entries(room).forEach(entry -> entries.add(entry.toJson()));
        return entries.build();
    }
}
