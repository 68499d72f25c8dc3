/** Where a client is in its life (the Java client's `Status`). */
export const Status = Object.freeze({
    IDLE: "IDLE",
    /** Connecting, or connected and replaying auth and rooms: calls spool. */
    CONNECTING: "CONNECTING",
    CONNECTED: "CONNECTED",
    CLOSING: "CLOSING",
    /** By `close()`, an answered `quit`, or the server's `end` with `reconnect: false`. */
    CLOSED: "CLOSED",
    /** Re-authentication refused, or `maxAttempts` used up. */
    ABORTED: "ABORTED",
});

/** @typedef {(typeof Status)[keyof typeof Status]} StatusName */

/**
 * Whether a client in this status is done for good (closed or aborted).
 * @param {StatusName} status
 */
export function isFinal(status) {
    return status === Status.CLOSED || status === Status.ABORTED;
}
