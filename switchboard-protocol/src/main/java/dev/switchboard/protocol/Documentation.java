package dev.switchboard.protocol;

import java.util.List;

/**
 * The reply to {@code documentation}: the actions, each {@code {name, description, params:[{name, type,
 * required, description}]}}.
 */
public record Documentation(List<?> actions) {
}
