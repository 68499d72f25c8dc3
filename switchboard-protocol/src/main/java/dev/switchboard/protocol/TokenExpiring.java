package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The data of the {@code tokenExpiring} event: the token this connection authenticated with expires at
 * {@code expiresAt}; an {@code auth} with a fresh token of the same user before then keeps the connection and its rooms.
 * At expiry the server sends {@code end} ({@code reason: "token expired"}, {@code reconnect: true}) and closes it.
 *
 * @param expiresAt epoch milliseconds
 * @param inMs how long until then, as the server counted when it sent this
 */
@JsonbPropertyOrder({"expiresAt", "inMs"})
public record TokenExpiring(long expiresAt, long inMs) {
}
