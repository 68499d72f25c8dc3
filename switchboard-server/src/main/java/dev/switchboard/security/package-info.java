/**
 * Who a connection is: the {@link dev.switchboard.security.Authenticator} SPI that the {@code auth}
 * verb asks, its built-ins (signed {@link dev.switchboard.security.Tokens}, the container's own login
 * of the upgrade request, a development guest), and the REST endpoint that issues tokens.
 */
package dev.switchboard.security;
