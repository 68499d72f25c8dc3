package dev.switchboard.actions;

import jakarta.json.JsonObject;
import java.util.Set;

/**
 * One call of an action: its checked params (only the declared ones) and who called.
 *
 * @param user {@code null} when the connection is anonymous ({@code action} needs auth by default)
 */
public record ActionCall(String action, JsonObject params, String connectionId, String user, Set<String> roles) {
}
