/**
 * The cluster seam: how room traffic of one node reaches the members on every node. {@link
 * dev.switchboard.cluster.ClusterBus} is the role; {@link dev.switchboard.cluster.LocalClusterBus}
 * delivers on this node only (one node, or no JMS); {@link dev.switchboard.cluster.JmsClusterBus}
 * delivers across nodes through a JMS sequencer queue (room traffic, grouped by room) and a topic.
 *
 * <p>Depends on {@code config}, {@code metrics} and {@code protocol}.
 */
package dev.switchboard.cluster;
