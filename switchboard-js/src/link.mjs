/** @import { CloseInfo } from "./listeners.mjs" */
import { Pace } from "./pace.mjs";

/**
 * What a link tells the client it works for.
 * @typedef {object} LinkOwner
 * @property {(from: Link, text: string) => void} received a text frame arrived
 * @property {(gone: Link, reason: CloseInfo | null) => void} lost the link is gone (closed, failed to open, or
 *     given up); may be told more than once, the owner acts on the first
 */

/**
 * One WebSocket to one address, and what is known of it: opened, welcomed, dead, when it was last heard from.
 * What it receives and how it ends go to its owner.
 */
export class Link {
    /**
     * @param {string} address
     * @param {LinkOwner} owner
     */
    constructor(address, owner) {
        this.address = address;
        this.owner = owner;
        /** @type {WebSocket | null} null before open(), and for good when the WebSocket could not be made */
        this.socket = null;
        this.opened = false;
        this.welcomed = false;
        /** @type {string | null} its connection's id, as the welcome said */
        this.connectionId = null;
        /** Nothing more is sent on it; set once, when the owner hears it is lost. */
        this.dead = false;
        /** A keep-alive ping is out. */
        this.pinging = false;
        this.lastReceived = Date.now();
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        this.connectTimer = undefined;
        /** How fast this link may send: the limits its welcome announced. */
        this.pace = new Pace();
    }

    /**
     * Opens the WebSocket. The WebSocket API has no connect timeout: a link without `welcome` in time is given
     * up, so that the next address is tried.
     * @param {new (url: string) => WebSocket} WebSocketClass
     * @param {number} connectTimeoutMs
     * @returns {unknown} what the WebSocket constructor threw (the link is useless then), or undefined
     */
    open(WebSocketClass, connectTimeoutMs) {
        let socket;
        try {
            socket = new WebSocketClass(withPresenceDiffs(this.address));
        } catch (e) {
            return e;
        }
        this.socket = socket;
        this.connectTimer = setTimeout(() => {
            if (!this.welcomed && !this.dead) {
                this.abort("no welcome within " + connectTimeoutMs + " ms");
            }
        }, connectTimeoutMs);
        socket.onopen = () => {
            this.opened = true;
        };
        socket.onmessage = (message) => {
            this.lastReceived = Date.now();
            this.owner.received(this, message.data);
        };
        socket.onclose = (closed) => this.owner.lost(this, { code: closed.code, reason: closed.reason });
        socket.onerror = () => {
            // a close event follows; the browser gives no detail here
        };
        return undefined;
    }

    /**
     * The welcome came: the connect timeout is off, and the connection's id is known.
     * @param {string | null} connectionId
     */
    welcome(connectionId) {
        this.welcomed = true;
        this.connectionId = connectionId;
        clearTimeout(this.connectTimer);
    }

    /**
     * Writes a frame; throws when the socket is closing (the frame was not sent).
     * @param {string} text
     */
    send(text) {
        /** @type {WebSocket} */ (this.socket).send(text);
    }

    /**
     * Marks it dead, once.
     * @returns {boolean} false when it was dead already
     */
    markDead() {
        if (this.dead) {
            return false;
        }
        this.dead = true;
        clearTimeout(this.connectTimer);
        return true;
    }

    /**
     * Gives up on a link that does not work (no welcome, no pong): it is closed, and lost now, without
     * waiting for the socket to notice.
     * @param {string} why
     */
    abort(why) {
        this.close(4000, why.substring(0, 100));
        this.owner.lost(this, { code: 1006, reason: why });
    }

    /**
     * Closes an opened socket for good and hands its close event to `whenClosed` instead of the owner (who is done
     * with the link): the application's own close still ends in a `closed` event, as in the Java client.
     * @param {number} code
     * @param {string} reason
     * @param {(info: CloseInfo) => void} whenClosed
     */
    closeAndTell(code, reason, whenClosed) {
        if (this.socket !== null && this.opened) {
            this.socket.onclose = (closed) => whenClosed({ code: closed.code, reason: closed.reason });
        }
        this.close(code, reason);
    }

    /**
     * Closes the socket, if there is one and it is not closing already.
     * @param {number} code
     * @param {string} reason
     */
    close(code, reason) {
        if (this.socket === null) {
            return;
        }
        try {
            this.socket.close(code, reason);
        } catch (e) {
            // closing already
        }
    }
}

/**
 * The address with `presence=diff` in its query: the server then sends a room's `join` and `leave` events of a short
 * period as one `presenceDiff` frame, which the client hears as those events (core.mjs), sparing the server and the
 * browser a frame per event when many come at once.
 * @param {string} address an absolute ws:// or wss:// address
 */
export function withPresenceDiffs(address) {
    const mark = address.indexOf("?");
    const query = mark < 0 ? "" : address.slice(mark + 1);
    if (query.split("&").includes("presence=diff")) {
        return address;
    }
    return address + (mark < 0 ? "?" : query === "" ? "" : "&") + "presence=diff";
}
