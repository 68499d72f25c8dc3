package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The reply to {@code auth}: who the connection is now. */
@JsonbPropertyOrder({"authenticated", "user", "roles"})
public record AuthResult(boolean authenticated, String user, List<String> roles) {
}
