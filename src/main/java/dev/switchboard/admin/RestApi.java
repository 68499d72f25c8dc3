package dev.switchboard.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Jakarta REST under {@code /switchboard/api}. */
@ApplicationPath("/api")
public class RestApi extends Application {
}
