package dev.switchboard.api;

/**
 * How much the cluster holds, as this node knows it (other nodes' figures are as of their last word).
 *
 * @param connections open connections
 * @param rooms rooms with members
 * @param memberships room memberships
 */
public record Counts(int connections, int rooms, int memberships) {
}
