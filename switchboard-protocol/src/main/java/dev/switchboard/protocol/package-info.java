/**
 * Wire protocol v1: the frames a client and a server exchange (records), the closed set of error
 * codes, the JSON codec for both directions, and Jakarta WebSocket's encoder and decoder of frames over it.
 *
 * <p>Depends on nothing but the JSON-P, JSON-B and WebSocket (client) APIs; the artifact
 * {@code switchboard-protocol}, shared by the server and the Java client.
 */
package dev.switchboard.protocol;
