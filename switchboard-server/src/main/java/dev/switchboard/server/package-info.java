/**
 * The WebSocket transport: the {@code @ServerEndpoint}s, one {@link dev.switchboard.server.Connection}
 * per session with its bounded outbound queue and single writer, the set of open connections, and
 * whether the node takes new ones ({@link dev.switchboard.server.NodeStatus}: a drain, which admin asks for).
 *
 * <p>Depends on {@code verbs}, {@code rooms}, {@code security}, {@code events}, {@code metrics}, {@code config} and {@code protocol}.
 */
package dev.switchboard.server;
