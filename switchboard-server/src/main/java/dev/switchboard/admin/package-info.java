/**
 * Switchboard's HTTP edges: REST under {@code /api} (tokens for logged-in users, the operators' API behind
 * the role {@code switchboard-admin}, checked by the resource itself), {@code /metrics} and {@code /health}.
 * Nothing depends on it: it calls the transport (a drain) and the rooms, never the other way round.
 *
 * <p>Depends on {@code server}, {@code rooms}, {@code cluster}, {@code security}, {@code metrics}, {@code config} and {@code protocol}.
 */
package dev.switchboard.admin;
