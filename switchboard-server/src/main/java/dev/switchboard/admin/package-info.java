/**
 * Switchboard's HTTP edges: REST under {@code /api} (tokens for logged-in users, the operators' API behind
 * the role {@code switchboard-admin}, the server API for other services behind {@code switchboard-publisher},
 * each checked by the resource itself), {@code /metrics} and {@code /health}.
 * Nothing depends on it: it calls the transport (a drain), the rooms and the server API, never the other way round.
 *
 * <p>Depends on {@code api}, {@code server}, {@code rooms}, {@code cluster}, {@code security}, {@code metrics}, {@code config} and
 * {@code protocol}.
 */
package dev.switchboard.admin;
