/** @import { Json, Params } from "./protocol.mjs" */
/** @import { Link } from "./link.mjs" */

/**
 * What the keep-alive needs of the client.
 * @typedef {object} KeepAliveClient
 * @property {() => Link | null} connectedLink the link when the client is connected and it is welcomed and alive
 * @property {(link: Link, method: string, params: Params, timeoutMs: number) => Promise<Json>} internalCall
 */

/**
 * Mixer's keep-alive: a connection quiet for `pingAfterQuietMs` is pinged, and one that gives no pong within
 * `pingTimeoutMs` is replaced (the socket itself may take minutes to notice a dead peer).
 */
export class KeepAlive {
    /**
     * @param {KeepAliveClient} client
     * @param {{ pingAfterQuietMs: number, pingTimeoutMs: number }} options
     */
    constructor(client, options) {
        this.client = client;
        this.options = options;
        /** @type {ReturnType<typeof setInterval> | null} */
        this.interval = null;
    }

    /** Looks every quarter of the quiet period (at least every 50 ms) until stop(). */
    start() {
        const tick = Math.max(50, Math.floor(this.options.pingAfterQuietMs / 4));
        this.interval = setInterval(() => this.tick(), tick);
    }

    stop() {
        if (this.interval !== null) {
            clearInterval(this.interval);
            this.interval = null;
        }
    }

    tick() {
        const link = this.client.connectedLink();
        if (link === null || link.pinging || Date.now() - link.lastReceived < this.options.pingAfterQuietMs) {
            return;
        }
        link.pinging = true;
        this.client.internalCall(link, "ping", {}, this.options.pingTimeoutMs).then(() => {
            link.pinging = false;
        }, (e) => {
            link.pinging = false;
            if (e.code === "TIMEOUT") {
                link.abort("no answer to a keep-alive ping");
            }
        });
    }
}
