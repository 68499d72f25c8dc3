/**
 * Wire protocol v1: the frames a client and a server exchange (records), the closed set of error
 * codes, and the JSON codec for both directions.
 *
 * <p>Depends on nothing but the JSON-P and JSON-B APIs; the artifact {@code switchboard-protocol}, shared
 * by the server and the Java client.
 */
package dev.switchboard.protocol;
