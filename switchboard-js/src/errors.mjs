/**
 * A refusal: by the server (its error code: NOT_IN_ROOM, UNAUTHORIZED, …) or by the client (CONNECTION_LOST,
 * TIMEOUT, CLOSED, SPOOL_FULL, UNAVAILABLE, AUTHENTICATION_FAILED, BAD_FRAME).
 */
export class SwitchboardError extends Error {
    /**
     * @param {string} code
     * @param {string} message
     * @param {string} [method] the method of the call it refuses, if any
     */
    constructor(code, message, method) {
        super(message);
        this.name = "SwitchboardError";
        /** @readonly */
        this.code = code;
        /** @readonly */
        this.method = method;
    }
}

/**
 * A call that never left: its connection was gone before it could be written.
 * @param {string} method
 */
export function lostBeforeSent(method) {
    return new SwitchboardError("CONNECTION_LOST", "the connection was lost before '" + method + "'", method);
}

/**
 * A call that was written and not answered when its connection dropped: the server may or may not have run
 * it, so it is not sent again.
 * @param {string} method
 */
export function lostAfterSent(method) {
    return new SwitchboardError("CONNECTION_LOST", "the connection was lost after '" + method
        + "' was sent; it is not sent again", method);
}
