/**
 * The line client ({@code java -jar switchboard-cli.jar}): the Java client driven from a terminal or a
 * script, its options parsed by picocli. The artifact {@code switchboard-cli}, shaded with what a plain
 * Java program needs (Tyrus's standalone client, JSON-P, JSON-B).
 *
 * <p>Depends on {@code switchboard-client}; never on server code.
 */
package dev.switchboard.cli;
