/**
 * Who a connection is: the {@link dev.switchboard.security.Authenticator} SPI that the {@code auth}
 * verb asks, its built-ins (signed {@link dev.switchboard.security.Tokens}, the container's own login
 * of the upgrade request, a development guest), the node's token service (admin's {@code TokenResource}
 * issues its tokens over REST), and the counts of refused attempts.
 *
 * <p>Depends on {@code config} and {@code metrics}.
 */
package dev.switchboard.security;
