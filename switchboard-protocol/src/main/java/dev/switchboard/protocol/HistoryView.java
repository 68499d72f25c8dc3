package dev.switchboard.protocol;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The reply to {@code history}: the room and its recent messages, oldest first (each a {@code say} event's data). */
@JsonbPropertyOrder({"room", "messages"})
public record HistoryView(String room, List<JsonObject> messages) {
}
