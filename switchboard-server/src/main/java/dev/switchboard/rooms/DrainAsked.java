package dev.switchboard.rooms;

/**
 * An operator asked, through another node, that this node drain: fired (asynchronously) by the {@link RoomRegistry}
 * when the request reaches this node; the node's drain observes it.
 *
 * @param by the node that took the operator's request
 */
public record DrainAsked(String by) {
}
