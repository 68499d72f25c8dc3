package dev.switchboard.events;

/**
 * A connection opened on this node (after its {@code welcome} was queued).
 *
 * @param connectionId its id
 * @param remoteAddress the client's address (the first untrusted one of {@code X-Forwarded-For} behind trusted proxies)
 * @param user the container's login of the upgrade request ({@code /secure/socket}), or {@code null}
 * @param at when, epoch milliseconds
 */
public record Connected(String connectionId, String remoteAddress, String user, long at) {
}
