package com.example.helpdesk;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A caller's mistake (400, 401, 403, 404 thrown by the resources) is answered with its status and its message as
 * text — and not logged as a server error, as RESTEasy does with a {@code WebApplicationException} left to itself.
 */
public class ClientErrors implements ExceptionMapper<ClientErrorException> {

    @Override
    public Response toResponse(ClientErrorException failure) {
        return Response.fromResponse(failure.getResponse()).entity(failure.getMessage()).type(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
