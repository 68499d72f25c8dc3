/**
 * Methods a client calls: the dispatcher, which turns a text frame into a call, finds its handler and
 * queues the reply, and one small CDI bean per method ({@code RoomAddHandler}, {@code SayHandler}, …).
 * Handlers are found at deployment; a method name claimed twice fails the deployment.
 *
 * <p>Depends on {@code rooms}, {@code cluster}, {@code security}, {@code actions}, {@code files}, {@code events}, {@code metrics}, {@code config} and
 * {@code protocol}.
 */
package dev.switchboard.verbs;
