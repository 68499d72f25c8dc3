/**
 * Rooms and their members: the registry (a bean-managed-concurrency singleton EJB), room names, the
 * {@link dev.switchboard.rooms.Member} role a connection plays in a room, room policies, presence across
 * nodes, and room history. Local fan-out happens here, one room at a time, so that the messages of a room
 * reach every member in one order.
 *
 * <p>Depends on {@code cluster}, {@code config}, {@code events}, {@code metrics} and {@code protocol}.
 */
package dev.switchboard.rooms;
