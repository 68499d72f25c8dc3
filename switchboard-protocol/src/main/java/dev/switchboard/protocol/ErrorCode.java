package dev.switchboard.protocol;

/**
 * The closed set of error codes a server puts in {@code error.code}. Clients switch on these; adding
 * one is a protocol change and goes in {@code docs/protocol.md} first.
 */
public enum ErrorCode {
    /** The frame is not a JSON object of the expected shape. */
    BAD_FRAME,
    /** No handler is registered for the method. */
    UNKNOWN_METHOD,
    /** A parameter is missing or has the wrong type or value. */
    BAD_PARAMS,
    /** The method needs an authenticated connection, or the credentials are wrong. */
    UNAUTHORIZED,
    /** The connection is authenticated but not allowed to do this. */
    FORBIDDEN,
    /** The method names a room the connection is not a member of. */
    NOT_IN_ROOM,
    /** The target of the call (a user, a connection, a file) does not exist. */
    NOT_FOUND,
    /** The connection sends faster than it is allowed to. */
    RATE_LIMITED,
    /** A frame or a value exceeds a configured size. */
    TOO_LARGE,
    /** An application action failed. */
    ACTION_FAILED,
    /** The server cannot serve the call right now (shutting down, a dependency is down). */
    UNAVAILABLE,
    /** A server bug: logged on the server; the connection is closed with 1011. */
    INTERNAL
}
