package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The data of a {@code detailsView} reply and of the {@code welcome} event: what the server knows of
 * this connection.
 *
 * @param id the connection id, unique across the cluster
 * @param fingerprint links the connection to the client's web session; the connection id when there is none
 * @param remoteAddress the client's address as the server sees it
 * @param connectedAt epoch milliseconds
 * @param rooms the rooms it is a member of, sorted
 * @param user the authenticated user, {@code null} while anonymous
 * @param messagesIn frames received from the client
 * @param messagesOut frames sent to the client
 * @param limits what the connection may send ({@code null} where the server has no limits to tell)
 */
@JsonbPropertyOrder({"id", "fingerprint", "remoteAddress", "connectedAt", "rooms", "user", "messagesIn", "messagesOut", "limits"})
public record Details(
        String id,
        String fingerprint,
        String remoteAddress,
        long connectedAt,
        List<String> rooms,
        String user,
        long messagesIn,
        long messagesOut,
        Limits limits) {
}
