/*
 * Switchboard's browser client: one WebSocket to a Switchboard server that survives restarts and
 * fail-over without the application noticing — the Java client's semantics (docs/client.md).
 *
 * This ES module is the source. The build generates the classic script dist/switchboard.js from it
 * (esbuild, an IIFE that defines the global `Switchboard`); the server jar serves both:
 *     import { SwitchboardClient } from "/switchboard/switchboard.mjs";
 *     <script src="/switchboard/switchboard.js"></script>  →  new Switchboard.SwitchboardClient(...)
 * Types: switchboard.d.mts (this module), switchboard.d.ts (the classic script's global).
 *
 * Behind each call: a random start address and rotation on failure; exponential back-off with full
 * jitter between a floor and a cap; calls made while down are spooled (bounded, in order, each with its
 * own deadline from the call); after every reconnect the client authenticates again and re-joins its
 * rooms — from the last message it saw in each (`since`) — before the spool drains. A call already sent
 * when the connection dropped fails with CONNECTION_LOST: it is never sent twice.
 */

/** Where a client is in its life (the Java client's Status). */
export const Status = Object.freeze({
    IDLE: "IDLE",
    CONNECTING: "CONNECTING",
    CONNECTED: "CONNECTED",
    CLOSING: "CLOSING",
    CLOSED: "CLOSED",
    ABORTED: "ABORTED",
});

/** The pseudo-event fired after the client re-joined a room by itself; data: the roomAdd reply. */
export const REJOINED = "rejoined";

const JOINS = new Set(["roomAdd", "listenToRoom"]);
const LEAVES = new Set(["roomLeave", "silenceRoom"]);

/** An error with the protocol's code (or one of the client's own: CONNECTION_LOST, TIMEOUT, CLOSED, SPOOL_FULL, AUTHENTICATION_FAILED). */
export class SwitchboardError extends Error {
    constructor(code, message, method) {
        super(message);
        this.name = "SwitchboardError";
        this.code = code;
        this.method = method;
    }
}

const DEFAULTS = Object.freeze({
    backoffFloorMs: 500,
    backoffCapMs: 30000,
    maxAttempts: 0,
    spoolSize: 1000,
    callTimeoutMs: 10000,
    pingAfterQuietMs: 15000,
    pingTimeoutMs: 5000,
    connectTimeoutMs: 10000,
});

/** The wait before retry number `attempt` (1 for the first): random between floor and min(cap, floor·2^(n-1)). */
export function backoff(attempt, floor, cap, random) {
    const ceiling = Math.min(cap, floor * Math.pow(2, Math.max(0, attempt - 1)));
    return Math.floor(floor + random() * (Math.max(0, ceiling - floor) + 1));
}

export class SwitchboardClient {
    /**
     * @param addresses one address or a list: "ws://host:8080/switchboard/socket", or a path such as
     *     "/switchboard/socket" taken relative to the page (ws: or wss: as the page's scheme)
     * @param options see DEFAULTS; also `WebSocket` (a constructor, for Node) and `random`
     */
    constructor(addresses, options) {
        const list = (Array.isArray(addresses) ? addresses : [addresses]).map(absolute);
        if (list.length === 0) {
            throw new TypeError("expected at least one address");
        }
        this.options = Object.assign({}, DEFAULTS, options || {});
        this._WebSocket = this.options.WebSocket || globalThis.WebSocket;
        this._random = this.options.random || Math.random;
        this._addresses = list;
        this._index = Math.floor(this._random() * list.length);
        this._status = Status.IDLE;
        this._listeners = new Map();
        this._spool = [];
        this._awaiting = new Map();
        this._ids = 0;
        this._link = null;
        this._attempts = 0;
        this._retryAfterMs = -1;
        this._rooms = new Set();
        this._positions = new Map();
        this._authParams = null;
        this._keepAlive = null;
    }

    /** Starts connecting; calls made before are spooled. Returns this. */
    boot() {
        if (this._status !== Status.IDLE) {
            return this;
        }
        this._setStatus(Status.CONNECTING);
        const tick = Math.max(50, Math.floor(this.options.pingAfterQuietMs / 4));
        this._keepAlive = setInterval(() => this._ping(), tick);
        this._connect(this._addresses[this._index]);
        return this;
    }

    get status() {
        return this._status;
    }

    isConnected() {
        return this._status === Status.CONNECTED;
    }

    /** Closes for good: spooled and unanswered calls fail with CLOSED; no reconnect follows. */
    close() {
        if (this._status === Status.CLOSED || this._status === Status.ABORTED) {
            return;
        }
        this._setStatus(Status.CLOSING);
        const link = this._link;
        this._link = null;
        this._failAll(() => new SwitchboardError("CLOSED", "the client was closed"));
        this._stop();
        if (link) {
            link.dead = true;
            try {
                link.socket.close(1000, "client closed");
            } catch (e) {
                // already closing
            }
        }
        this._setStatus(Status.CLOSED);
    }

    /**
     * Calls a method; resolves with the reply's data, rejects with a SwitchboardError.
     * @param options `noReply` (no id: resolves once written), `force` (send now on an open socket,
     *     even before auth and rooms are replayed; never spool), `timeoutMs`
     */
    call(method, params, options) {
        const opts = options || {};
        const call = {
            id: opts.noReply ? null : ++this._ids,
            method: method,
            params: params === undefined || params === null ? {} : params,
            internal: false,
            sent: false,
            timer: null,
        };
        const promise = new Promise((resolve, reject) => {
            call.resolve = resolve;
            call.reject = reject;
        });
        call.text = JSON.stringify(call.id === null
            ? { type: "method", method: method, params: call.params }
            : { type: "method", id: call.id, method: method, params: call.params });
        this._track(call, promise);
        const s = this._status;
        const refuse = (code, message) => {
            call.reject(new SwitchboardError(code, message, method));
            return promise;
        };
        if (s === Status.CLOSING || s === Status.CLOSED || s === Status.ABORTED) {
            return refuse("CLOSED", "the client is " + s.toLowerCase() + "; '" + method + "' not sent");
        }
        const forced = opts.force && this._link && this._link.welcomed;
        if (s !== Status.CONNECTED && !forced) {
            if (opts.force) {
                return refuse("UNAVAILABLE", "no open connection to force '" + method + "' onto");
            }
            if (this._spool.length >= this.options.spoolSize) {
                return refuse("SPOOL_FULL", "the spool holds " + this.options.spoolSize + " calls already");
            }
        }
        const timeout = opts.timeoutMs || this.options.callTimeoutMs;
        call.timer = setTimeout(() => this._timedOut(call, timeout), timeout);
        if (s === Status.CONNECTED || forced) {
            this._handOver(this._link, call);
        } else {
            this._spool.push(call);
            this._emit("spooled", call.text);
        }
        return promise;
    }

    // ------------------------------------------------------------ typed helpers

    /** Mixer's {user, key}; with only a user, the development guest (when the server allows it). */
    auth(user, key) {
        return this.call("auth", key === undefined ? { user: user } : { user: user, key: key });
    }

    authToken(token) {
        return this.call("auth", { token: token });
    }

    roomAdd(room, since) {
        return this.call("roomAdd", since ? { room: room, since: since } : { room: room });
    }

    roomLeave(room) {
        return this.call("roomLeave", { room: room });
    }

    roomChange(room) {
        return this.call("roomChange", { room: room });
    }

    roomView(room) {
        return this.call("roomView", { room: room });
    }

    say(room, message) {
        return this.call("say", { room: room, message: message });
    }

    history(room, limit) {
        return this.call("history", limit === undefined ? { room: room } : { room: room, limit: limit });
    }

    tell(to, message) {
        return this.call("tell", { to: to, message: message });
    }

    action(action, params) {
        return this.call("action", { action: action, params: params || {} });
    }

    detailsView() {
        return this.call("detailsView");
    }

    documentation() {
        return this.call("documentation");
    }

    ping() {
        return this.call("ping");
    }

    quit() {
        return this.call("quit");
    }

    /** The rooms the client is in (and re-joins after a reconnect). */
    rooms() {
        return Array.from(this._rooms);
    }

    // ------------------------------------------------------------ events

    /**
     * Listens to a server event ("say", "join", "leave", "tell", "alert", "end", "welcome", "error")
     * or one of the client's: "connected", "closed" ({code, reason}), "clientError" (an Error),
     * "packet" (every frame, parsed), "sent" (text), "spooled" (text), "reconnecting" ({delayMs,
     * address}), "status" (the new status), "rejoined" (a roomAdd reply). Returns a function that
     * removes the listener.
     */
    on(event, listener) {
        let list = this._listeners.get(event);
        if (!list) {
            list = [];
            this._listeners.set(event, list);
        }
        list.push(listener);
        return () => this.off(event, listener);
    }

    off(event, listener) {
        const list = this._listeners.get(event);
        if (list) {
            const at = list.indexOf(listener);
            if (at >= 0) {
                list.splice(at, 1);
            }
        }
    }

    _emit(event, data) {
        const list = this._listeners.get(event);
        if (!list) {
            return;
        }
        for (const listener of list.slice()) {
            try {
                listener(data);
            } catch (e) {
                if (event !== "clientError") {
                    this._emit("clientError", e);
                } else if (globalThis.console) {
                    globalThis.console.error(e);
                }
            }
        }
    }

    _setStatus(status) {
        if (this._status !== status) {
            this._status = status;
            this._emit("status", status);
        }
    }

    // ------------------------------------------------------------ calls

    /** Keeps the rooms and credentials the application set, to replay them after a reconnect. */
    _track(call, promise) {
        const room = call.params && typeof call.params.room === "string" ? call.params.room : null;
        promise.then(() => {
            if (JOINS.has(call.method) && room !== null) {
                this._rooms.add(room);
            } else if (LEAVES.has(call.method) && room !== null) {
                this._rooms.delete(room);
                this._positions.delete(room);
            } else if (call.method === "roomChange" && room !== null) {
                this._rooms.clear();
                for (const key of Array.from(this._positions.keys())) {
                    if (key !== room) {
                        this._positions.delete(key);
                    }
                }
                this._rooms.add(room);
            } else if (call.method === "auth") {
                this._authParams = call.params;
            } else if (call.method === "quit") {
                this.close();
            }
        }, () => {});
    }

    _handOver(link, call) {
        if (call.id !== null) {
            this._awaiting.set(call.id, call);
        }
        this._write(link, call);
    }

    _write(link, call) {
        try {
            link.socket.send(call.text);
        } catch (e) {
            // the socket is closing: the call was not sent, so it waits for the next connection
            if (call.id !== null) {
                this._awaiting.delete(call.id);
            }
            if (call.internal) {
                clearTimeout(call.timer);
                call.reject(new SwitchboardError("CONNECTION_LOST", "the connection was lost before '" + call.method + "'", call.method));
            } else {
                this._spool.unshift(call);
            }
            return;
        }
        call.sent = true;
        call.link = link;
        this._emit("sent", call.text);
        if (call.id === null) {
            clearTimeout(call.timer);
            call.resolve(null);
        }
    }

    _timedOut(call, timeout) {
        const at = this._spool.indexOf(call);
        if (at >= 0) {
            this._spool.splice(at, 1);
        }
        if (call.id !== null && this._awaiting.get(call.id) === call) {
            this._awaiting.delete(call.id);
        }
        call.reject(new SwitchboardError("TIMEOUT", "no reply to '" + call.method + "' within " + timeout + " ms"
            + (call.sent ? " (it was sent)" : " (it was not sent)"), call.method));
    }

    /** A call the client makes itself (replay, keep-alive): on this link at once, never spooled. */
    _internalCall(link, method, params, timeoutMs) {
        const id = ++this._ids;
        return new Promise((resolve, reject) => {
            if (link !== this._link || link.dead) {
                reject(new SwitchboardError("CONNECTION_LOST", "the connection was lost before '" + method + "'", method));
                return;
            }
            const call = {
                id: id, method: method, params: params, internal: true, sent: false,
                text: JSON.stringify({ type: "method", id: id, method: method, params: params }),
                resolve: resolve, reject: reject,
            };
            const timeout = timeoutMs || this.options.callTimeoutMs;
            call.timer = setTimeout(() => this._timedOut(call, timeout), timeout);
            this._handOver(link, call);
        });
    }

    // ------------------------------------------------------------ the connection

    _connect(address) {
        if (this._status !== Status.CONNECTING) {
            return;
        }
        let socket;
        try {
            socket = new this._WebSocket(address);
        } catch (e) {
            this._emit("clientError", e);
            const failed = { address: address, dead: false, opened: false, welcomed: false };
            this._link = failed;
            this._lost(failed, null);
            return;
        }
        const link = { address: address, socket: socket, dead: false, opened: false, welcomed: false,
            lastReceived: Date.now(), pinging: false };
        this._link = link;
        link.connectTimer = setTimeout(() => {
            if (!link.welcomed && !link.dead) {
                this._abortLink(link, "no welcome within " + this.options.connectTimeoutMs + " ms");
            }
        }, this.options.connectTimeoutMs);
        socket.onopen = () => {
            link.opened = true;
        };
        socket.onmessage = (message) => this._received(link, message.data);
        socket.onclose = (closed) => this._lost(link, { code: closed.code, reason: closed.reason });
        socket.onerror = () => {
            // a close event follows; the browser gives no detail here
        };
    }

    /** Gives up on a link that does not work (no welcome, no pong): it is closed and replaced. */
    _abortLink(link, why) {
        try {
            link.socket.close(4000, why.substring(0, 100));
        } catch (e) {
            // closing already
        }
        this._lost(link, { code: 1006, reason: why });
    }

    _received(link, text) {
        link.lastReceived = Date.now();
        let frame;
        try {
            frame = JSON.parse(text);
        } catch (e) {
            this._emit("clientError", new SwitchboardError("BAD_FRAME", "could not read a frame from the server: " + e.message));
            return;
        }
        this._emit("packet", frame);
        if (frame.type === "reply") {
            this._replied(frame);
        } else if (frame.type === "event") {
            const data = frame.data === undefined ? null : frame.data;
            if (frame.event === "welcome" && !link.welcomed) {
                link.welcomed = true;
                clearTimeout(link.connectTimer);
                this._replay(link);
            } else if (frame.event === "end") {
                this._ended(data);
            } else if (frame.event === "say" && data && typeof data.room === "string" && data.position) {
                this._positions.set(data.room, data.position);
            }
            this._emit(frame.event, data);
        }
    }

    _replied(reply) {
        const call = this._awaiting.get(reply.id);
        if (!call) {
            return; // timed out already
        }
        this._awaiting.delete(reply.id);
        clearTimeout(call.timer);
        if (reply.error) {
            call.reject(new SwitchboardError(reply.error.code, reply.error.message, call.method));
        } else {
            call.resolve(reply.data === undefined ? null : reply.data);
        }
    }

    /** After welcome: auth, then the rooms (from their last position), then the spool. */
    _replay(link) {
        if (link !== this._link) {
            return;
        }
        const auth = this._authParams;
        const rooms = Array.from(this._rooms);
        const authenticated = auth === null ? Promise.resolve(null) : this._internalCall(link, "auth", auth);
        authenticated.then(() => {
            const rejoins = rooms.map((room) => {
                const since = this._positions.get(room);
                return this._internalCall(link, "roomAdd", since ? { room: room, since: since } : { room: room })
                    .then((data) => this._emit(REJOINED, data), (e) => {
                        if (e.code !== "CONNECTION_LOST") {
                            this._emit("clientError", e);
                        }
                    });
            });
            return Promise.all(rejoins).then(() => this._connected(link));
        }, (e) => {
            if (e.code === "TIMEOUT") {
                this._abortLink(link, "auth replay timed out");
            } else if (e.code !== "CONNECTION_LOST" && e.code !== "CLOSED") {
                this._abort(new SwitchboardError("AUTHENTICATION_FAILED", "re-authentication was refused: " + e.message, "auth"));
            }
        });
    }

    _connected(link) {
        if (link !== this._link || link.dead || this._status !== Status.CONNECTING) {
            return;
        }
        this._attempts = 0;
        this._setStatus(Status.CONNECTED);
        const spooled = this._spool;
        this._spool = [];
        for (const call of spooled) {
            this._handOver(link, call);
        }
        this._emit("connected", link.address);
    }

    /** A link is gone: sent calls fail (never sent twice), unsent ones wait in the spool, and a reconnect follows. */
    _lost(link, reason) {
        if (link.dead) {
            return;
        }
        link.dead = true;
        clearTimeout(link.connectTimer);
        if (link !== this._link) {
            return;
        }
        this._link = null;
        for (const [id, call] of Array.from(this._awaiting)) {
            this._awaiting.delete(id);
            clearTimeout(call.timer);
            call.reject(new SwitchboardError("CONNECTION_LOST", "the connection was lost after '" + call.method
                + "' was sent; it is not sent again", call.method));
        }
        if (link.opened) {
            this._emit("closed", reason || { code: 1006, reason: "connection lost" });
        }
        if (this._status !== Status.CONNECTED && this._status !== Status.CONNECTING) {
            return;
        }
        this._setStatus(Status.CONNECTING);
        this._attempts++;
        if (this.options.maxAttempts > 0 && this._attempts > this.options.maxAttempts) {
            this._abort(new SwitchboardError("UNAVAILABLE", "gave up after " + this.options.maxAttempts + " reconnect attempts"));
            return;
        }
        const delay = this._retryAfterMs >= 0 ? this._retryAfterMs
            : backoff(this._attempts, this.options.backoffFloorMs, this.options.backoffCapMs, this._random);
        this._retryAfterMs = -1;
        this._index = (this._index + 1) % this._addresses.length;
        const address = this._addresses[this._index];
        this._emit("reconnecting", { delayMs: delay, address: address });
        setTimeout(() => this._connect(address), delay);
    }

    /** The server closes this connection: come back after retryAfterMs, or not at all. */
    _ended(data) {
        if (data && data.reconnect === false) {
            this.close();
            return;
        }
        if (data && typeof data.retryAfterMs === "number") {
            this._retryAfterMs = Math.max(0, data.retryAfterMs);
        }
    }

    /** The keep-alive: a connection quiet for pingAfterQuietMs is pinged; no pong in pingTimeoutMs replaces it. */
    _ping() {
        const link = this._link;
        if (!link || !link.welcomed || link.dead || link.pinging || this._status !== Status.CONNECTED) {
            return;
        }
        if (Date.now() - link.lastReceived < this.options.pingAfterQuietMs) {
            return;
        }
        link.pinging = true;
        this._internalCall(link, "ping", {}, this.options.pingTimeoutMs).then(() => {
            link.pinging = false;
        }, (e) => {
            link.pinging = false;
            if (e.code === "TIMEOUT") {
                this._abortLink(link, "no answer to a keep-alive ping");
            }
        });
    }

    _abort(why) {
        if (this._status === Status.CLOSED || this._status === Status.ABORTED) {
            return;
        }
        const link = this._link;
        this._link = null;
        this._setStatus(Status.ABORTED);
        this._failAll(() => why);
        this._stop();
        if (link && link.socket) {
            link.dead = true;
            try {
                link.socket.close(1000, "client gave up");
            } catch (e) {
                // closing already
            }
        }
        this._emit("clientError", why);
    }

    _failAll(error) {
        const pending = this._spool.concat(Array.from(this._awaiting.values()));
        this._spool = [];
        this._awaiting.clear();
        for (const call of pending) {
            clearTimeout(call.timer);
            call.reject(error());
        }
    }

    _stop() {
        if (this._keepAlive !== null) {
            clearInterval(this._keepAlive);
            this._keepAlive = null;
        }
    }
}

/** An address as given, or a path made absolute against the page: "/switchboard/socket" → ws(s)://host/switchboard/socket. */
function absolute(address) {
    if (/^wss?:\/\//i.test(address) || !globalThis.location) {
        return address;
    }
    const url = new URL(address, globalThis.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
}

/** Everything at once: `import Switchboard from ".../switchboard.mjs"`, the same object as the classic script's global. */
export default Object.freeze({ SwitchboardClient, SwitchboardError, Status, REJOINED, backoff });
