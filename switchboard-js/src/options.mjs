/*
 * How a client connects, retries and waits: every option with its default, declared once, and the
 * addresses it connects to.
 */

/**
 * @typedef {object} ClientOptions
 * @property {number} [backoffFloorMs] Shortest wait before a reconnect (500 ms).
 * @property {number} [backoffCapMs] Longest wait before a reconnect (30 s).
 * @property {number} [maxAttempts] Reconnect attempts in a row before giving up (0: never give up).
 * @property {number} [spoolSize] Calls held while disconnected (1000).
 * @property {number} [callTimeoutMs] Default deadline of a call, counted from the call (30 s, as the Java client).
 * @property {number} [pingAfterQuietMs] Ping after this long without a frame from the server (15 s).
 * @property {number} [pingTimeoutMs] Replace the connection when a ping gets no answer within this (5 s).
 * @property {number} [connectTimeoutMs] Give up on an address that sends no welcome within this (10 s).
 * @property {new (url: string) => WebSocket} [WebSocket] A WebSocket constructor (outside a browser).
 * @property {() => number} [random] A source of randomness in [0, 1) (Math.random).
 * @property {() => Promise<string>} [tokens] Where the client's tokens come from: with it, the client authenticates by
 *     itself — on every connection, the first included, it asks for a token and sends it with `auth` before the rooms
 *     and the spool — and when the server warns that the token expires (`tokenExpiring`) it asks again and sends `auth`
 *     on the same connection. A supplier that fails, or a refusal that says nothing of the token, is tried again on the
 *     next connection; a token refused gives up.
 * @property {() => Promise<string>} [getToken] The same as `tokens`, by Centrifugo's name.
 */

/** @typedef {Required<Omit<ClientOptions, "WebSocket" | "random" | "tokens" | "getToken">> & ClientOptions} ResolvedOptions */

/** The defaults of the options that have one (the Java client's). */
export const DEFAULTS = Object.freeze({
    backoffFloorMs: 500,
    backoffCapMs: 30000,
    maxAttempts: 0,
    spoolSize: 1000,
    callTimeoutMs: 30000,
    pingAfterQuietMs: 15000,
    pingTimeoutMs: 5000,
    connectTimeoutMs: 10000,
});

/**
 * The options as given, over the defaults.
 * @param {ClientOptions | undefined} options
 * @returns {ResolvedOptions}
 */
export function withDefaults(options) {
    return Object.assign({}, DEFAULTS, options || {});
}

/**
 * One address or a list, each made absolute: "ws://host:8080/switchboard/socket" as it is, a path such as
 * "/switchboard/socket" against the page (ws: or wss: as the page's scheme).
 * @param {string | string[]} addresses
 * @returns {string[]}
 */
export function addressList(addresses) {
    const list = (Array.isArray(addresses) ? addresses : [addresses]).map(absolute);
    if (list.length === 0) {
        throw new TypeError("expected at least one address");
    }
    return list;
}

/** @param {string} address */
function absolute(address) {
    if (/^wss?:\/\//i.test(address) || !globalThis.location) {
        return address;
    }
    const url = new URL(address, globalThis.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
}
