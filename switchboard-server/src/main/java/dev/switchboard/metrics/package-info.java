/**
 * What the node counts, in Prometheus' text format ({@code /switchboard/metrics}): one Micrometer
 * registry per deployment, fed by every other package.
 *
 * <p>Depends on no other package of Switchboard.
 */
package dev.switchboard.metrics;
