/**
 * The WebSocket transport: the {@code @ServerEndpoint}, one {@link dev.switchboard.server.Connection}
 * per session with its bounded outbound queue and single writer, and the set of open connections.
 *
 * <p>Depends on {@code verbs}, {@code rooms}, {@code protocol} and {@code config}.
 */
package dev.switchboard.server;
