/**
 * The cluster seam: how room traffic of one node reaches the members on every node. {@link
 * dev.switchboard.cluster.ClusterBus} is the role; {@link dev.switchboard.cluster.LocalClusterBus}
 * delivers on this node only (one node, or no JMS). The JMS implementation comes with clustering.
 *
 * <p>Depends on {@code protocol} and {@code config} only.
 */
package dev.switchboard.cluster;
