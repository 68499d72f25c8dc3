/**
 * The server API for application code: {@link dev.switchboard.api.Switchboard}, one injectable entry point to
 * publish to rooms, tell users and connections, send events of the application's own names, put connections
 * into rooms and take them out, ask who is where, and disconnect — from any bean, on any node; and the same
 * operations over HTTP for other services ({@code /api/server}, role {@code switchboard-publisher}).
 *
 * <p>Depends on {@code rooms}, {@code cluster}, {@code events}, {@code config} and {@code protocol}.
 */
package dev.switchboard.api;
