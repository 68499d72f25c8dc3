/**
 * The Java client of Switchboard ({@code @ClientEndpoint}): fail-over over a list of addresses,
 * back-off, spooling, re-auth and re-join. The artifact {@code switchboard-client}.
 *
 * <p>Depends on {@code switchboard-protocol}, the Jakarta WebSocket client API and JSON-P only; never on server
 * code: the module's compile classpath has none, {@code PackageInfoTest} holds the classes to this sentence, and
 * {@code ClientJarIT} checks the jar.
 */
package dev.switchboard.client;
