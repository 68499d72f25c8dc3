/**
 * What the integration tests share: the deployments of the built WARs, a WebSocket test client with timed waits, and
 * child programs whose output can be awaited.
 */
package dev.switchboard.testkit;
