/**
 * Switchboard's HTTP edges: REST under {@code /api} (tokens for logged-in users, the operators' API behind
 * the role {@code switchboard-admin}, checked by the resource itself), {@code /metrics} and {@code /health}.
 */
package dev.switchboard.admin;
