/**
 * Rooms and their members: the registry (a bean-managed-concurrency singleton EJB), room names, and
 * the {@link dev.switchboard.rooms.Member} role a connection plays in a room. Local fan-out happens
 * here, one room at a time, so that the messages of a room reach every member in one order.
 *
 * <p>Depends on {@code cluster} and {@code protocol}.
 */
package dev.switchboard.rooms;
