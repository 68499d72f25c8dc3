/**
 * The {@code file} verb's source: a configured public directory and the WAR's {@code /public/} resources,
 * never anything outside them.
 *
 * <p>Depends on {@code protocol}.
 */
package dev.switchboard.files;
