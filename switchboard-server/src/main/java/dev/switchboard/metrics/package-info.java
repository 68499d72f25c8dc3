/**
 * What the node counts, in Prometheus' text format ({@code /switchboard/metrics}): one Micrometer
 * registry per deployment, fed by every other package, depending on none of them.
 */
package dev.switchboard.metrics;
