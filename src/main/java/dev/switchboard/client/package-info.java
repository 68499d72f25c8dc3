/**
 * The Java client of Switchboard ({@code @ClientEndpoint}): fail-over over a list of addresses,
 * back-off, spooling, re-auth and re-join. Ships in the {@code client} jar with {@code protocol}.
 *
 * <p>Depends on {@code protocol} and the Jakarta WebSocket client API only; never on server code
 * ({@code ArchitectureTest} and {@code ClientJarIT} keep it so).
 */
package dev.switchboard.client;
