package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of the {@code end} event: the server is closing this connection — come back after
 * {@code retryAfterMs}, or, with {@code reconnect: false}, do not come back.
 *
 * @param reason why, for people: {@code "server shutting down"}, {@code "node draining"},
 *     {@code "disconnected by an operator"}
 */
@JsonbPropertyOrder({"reconnect", "retryAfterMs", "reason"})
public record EndNotice(boolean reconnect, long retryAfterMs, String reason) {
}
