/** @import { Json, Params } from "./protocol.mjs" */
/** @import { CallOptions } from "./calls.mjs" */
/** @import { CloseInfo } from "./listeners.mjs" */
/** @import { ResolvedOptions } from "./options.mjs" */
/** @import { StatusName } from "./status.mjs" */
import { Calls, PendingCall } from "./calls.mjs";
import { SwitchboardError, lostBeforeSent } from "./errors.mjs";
import { KeepAlive } from "./keep-alive.mjs";
import { Link } from "./link.mjs";
import { Listeners } from "./listeners.mjs";
import { Reconnector } from "./reconnector.mjs";
import { Resumption } from "./resumption.mjs";
import { Status, isFinal } from "./status.mjs";

/** How long a keyed call refused with RATE_LIMITED waits before it goes again. */
const RATE_LIMITED_RETRY_MS = 100;
/** How long a keyed call refused with UNAVAILABLE (the cluster did not place it in time) waits before it goes again. */
const UNAVAILABLE_RETRY_MS = 1000;

/**
 * The client's state machine behind SwitchboardClient: its status and current link, and what moves them —
 * connect, welcome, resume, lost, reconnect, end, abort, close. Each transition is here, so that one reading
 * shows everything it touches; the parts do the rest: Calls (correlation, the spool, deadlines), Reconnector
 * (addresses and back-off), Resumption (re-auth and re-join with `since`), KeepAlive, Listeners.
 */
export class ClientCore {
    /**
     * @param {string[]} addresses
     * @param {ResolvedOptions} options read when they are needed
     */
    constructor(addresses, options) {
        this.options = options;
        /** @type {new (url: string) => WebSocket} */
        this.WebSocket = options.WebSocket || globalThis.WebSocket;
        this.listeners = new Listeners();
        this.calls = new Calls(options, (frame) => this.listeners.emit("sent", frame));
        this.reconnector = new Reconnector(addresses, options, options.random || Math.random);
        this.resumption = new Resumption(this, this.listeners, options.tokens || options.getToken || null, this.options.callTimeoutMs);
        this.keepAlive = new KeepAlive(this, options);
        /** @type {StatusName} */
        this.status = Status.IDLE;
        /** @type {Link | null} the connection in use, from its attempt until it is lost */
        this.link = null;
        this.ids = 0;
        /** Idempotency keys: unguessable, unique to this client, then counted (nextKey). */
        this.keyPrefix = keyPrefix();
        this.keys = 0;
        /** @type {Map<string, (from: Link, data: any) => void>} what the client does itself on some server events */
        this.onEvent = new Map([
            ["welcome", (from, data) => this.welcomed(from, data)],
            ["end", (from, data) => this.ended(data)],
            ["tokenExpiring", () => this.refreshToken()],
        ]);
    }


    /** A new idempotency key for a publishing call: never the same twice, from any client. */
    nextKey() {
        return this.keyPrefix + (++this.keys);
    }
    /**
     * The server warns that the token expires: a fresh one from the application's supplier goes out as `auth`, like the
     * application's own (so that a reconnect takes it too). Without a supplier, or credentials that are no token, the
     * application hears the event and decides.
     */
    refreshToken() {
        const tokens = this.options.tokens || this.options.getToken;
        const auth = this.resumption.authParams;
        if (!tokens || !auth || typeof auth.token !== "string") {
            return;
        }
        this.resumption.token().then((token) => this.call("auth", { token: token }, {}))
            .catch((e) => this.listeners.emit("clientError", e instanceof SwitchboardError ? e
                : new SwitchboardError("AUTHENTICATION_FAILED", "could not refresh the token: " + (e && e.message), "auth")));
    }

    /** Starts connecting, to a random address of the list; calls made before are spooled. */
    boot() {
        if (this.status !== Status.IDLE) {
            return;
        }
        this.setStatus(Status.CONNECTING);
        this.keepAlive.start();
        this.connect(this.reconnector.first());
    }

    /**
     * Closes for good: spooled and unanswered calls fail with CLOSED; no reconnect follows. The "closed" listeners
     * hear the connection's end when its close event comes.
     */
    close() {
        if (isFinal(this.status)) {
            return;
        }
        this.setStatus(Status.CLOSING);
        this.stop(() => new SwitchboardError("CLOSED", "the client was closed"), "client closed", true);
        this.setStatus(Status.CLOSED);
    }

    /**
     * Gives up for good: everything pending fails with CLOSED (the client is done), and the "clientError" listeners
     * hear why.
     * @param {SwitchboardError} why
     */
    abort(why) {
        if (isFinal(this.status)) {
            return;
        }
        this.setStatus(Status.ABORTED);
        this.stop(() => new SwitchboardError("CLOSED", "the client gave up: " + why.message), "client gave up", false);
        this.listeners.emit("clientError", why);
    }

    /**
     * Everything pending fails, the keep-alive stops, and the link (if any) closes for good.
     * @param {() => Error} error one for each call
     * @param {string} reason the close frame's
     * @param {boolean} tellClosed whether the "closed" listeners hear the connection's end
     */
    stop(error, reason, tellClosed) {
        const link = this.link;
        this.link = null;
        this.calls.failAll(error);
        this.keepAlive.stop();
        if (link) {
            link.markDead();
            if (tellClosed) {
                link.closeAndTell(1000, reason, (info) => this.listeners.emit("closed", info));
            } else {
                link.close(1000, reason);
            }
        }
    }

    /** @param {StatusName} status */
    setStatus(status) {
        if (this.status !== status) {
            this.status = status;
            this.listeners.emit("status", status);
        }
    }

    /**
     * An application's call: tracked for resumption, then sent, spooled or refused.
     * @param {string} method
     * @param {Params | null | undefined} params
     * @param {CallOptions | undefined} options
     * @returns {Promise<Json>}
     */
    call(method, params, options) {
        const opts = options || {};
        const call = new PendingCall(opts.noReply ? null : ++this.ids, method, params ?? {}, false);
        this.resumption.track(call);
        const s = this.status;
        /** @param {string} code @param {string} message */
        const refuse = (code, message) => {
            call.reject(new SwitchboardError(code, message, method));
            return call.promise;
        };
        if (s === Status.CLOSING || isFinal(s)) {
            return refuse("CLOSED", "the client is " + s.toLowerCase() + "; '" + method + "' not sent");
        }
        const link = this.link;
        const forced = Boolean(opts.force) && link !== null && link.welcomed;
        if (s !== Status.CONNECTED && !forced) {
            if (opts.force) {
                return refuse("UNAVAILABLE", "no open connection to force '" + method + "' onto");
            }
            if (this.calls.spoolFull()) {
                return refuse("SPOOL_FULL", "the spool holds " + this.options.spoolSize + " calls already");
            }
        }
        this.calls.deadline(call, opts.timeoutMs || this.options.callTimeoutMs);
        if (link !== null && (s === Status.CONNECTED || forced)) {
            this.calls.handOver(link, call);
        } else {
            this.calls.spool(call);
            this.listeners.emit("spooled", call.frame);
        }
        return call.promise;
    }

    /**
     * A call the client makes itself (replay, keep-alive): on this link at once, never spooled.
     * @param {Link} link
     * @param {string} method
     * @param {Params} params
     * @param {number} [timeoutMs]
     * @returns {Promise<Json>}
     */
    internalCall(link, method, params, timeoutMs) {
        const call = new PendingCall(++this.ids, method, params, true);
        if (link !== this.link || link.dead) {
            call.reject(lostBeforeSent(method));
            return call.promise;
        }
        this.calls.deadline(call, timeoutMs || this.options.callTimeoutMs);
        this.calls.handOver(link, call);
        return call.promise;
    }

    /** The keep-alive's link: the current one, when the client is connected on it. */
    connectedLink() {
        const link = this.link;
        return link !== null && link.welcomed && !link.dead && this.status === Status.CONNECTED ? link : null;
    }

    /** @param {string} address */
    connect(address) {
        if (this.status !== Status.CONNECTING) {
            return;
        }
        const link = new Link(address, this);
        this.link = link;
        const failure = link.open(this.WebSocket, this.options.connectTimeoutMs);
        if (failure !== undefined) {
            this.listeners.emit("clientError", /** @type {Error} */ (failure));
            this.lost(link, null);
        }
    }

    /**
     * A frame from the server: a reply goes to its call, an event to its listeners (after onEvent's handling).
     * @param {Link} from
     * @param {string} text
     */
    received(from, text) {
        let frame;
        try {
            frame = JSON.parse(text);
        } catch (e) {
            const why = "could not read a frame from the server: " + /** @type {Error} */ (e).message;
            this.listeners.emit("clientError", new SwitchboardError("BAD_FRAME", why));
            return;
        }
        this.listeners.emit("packet", frame);
        if (frame.type === "reply") {
            if (!this.calls.answer(frame, (call, code) => setTimeout(() => this.again(call),
                code === "RATE_LIMITED" ? RATE_LIMITED_RETRY_MS : UNAVAILABLE_RETRY_MS))) {
                // Mixer raised it too: an application that sees it knows a call timed out before its answer
                this.listeners.emit("clientError", new SwitchboardError("NOT_FOUND", "reply " + frame.id
                    + " matches no call: it timed out before the answer came, or the server answered twice"));
            }
        } else if (frame.type === "event" && frame.event === "presenceDiff") {
            this.presenceDiff(from, frame.data);
        } else if (frame.type === "event") {
            const data = frame.data === undefined ? null : frame.data;
            const handle = this.onEvent.get(frame.event);
            if (handle) {
                handle(from, data);
            } else {
                this.resumption.heard(frame.event, data, from.connectionId);
            }
            this.listeners.emit(frame.event, data);
        }
    }

    /**
     * A room's `join` and `leave` events of a short period in one frame (this client asks for them so): each is heard, in
     * its order, as if it had come on its own; the application's listeners never see the diff itself.
     * @param {Link} from
     * @param {any} data
     */
    presenceDiff(from, data) {
        if (!data || !Array.isArray(data.events)) {
            return;
        }
        for (const inner of data.events) {
            if (inner && (inner.event === "join" || inner.event === "leave")) {
                const innerData = inner.data === undefined ? null : inner.data;
                this.resumption.heard(inner.event, innerData, from.connectionId);
                this.listeners.emit(inner.event, innerData);
            }
        }
    }

    /**
     * The server greets a new link: resume the session on it (once, and only on the current link).
     * @param {Link} link
     * @param {any} data the welcome's: the connection's details
     */
    welcomed(link, data) {
        if (link.welcomed) {
            return;
        }
        link.welcome(data && typeof data.id === "string" ? data.id : null);
        if (data && data.limits && typeof data.limits === "object") {
            link.pace.limit(data.limits.framesPerSecond, data.limits.burst, Date.now());
        }
        if (link === this.link) {
            this.resumption.resume(link);
        }
    }

    /**
     * A keyed call refused for the rate goes out again: on the current link if connected, else first in the spool.
     * @param {PendingCall} call
     */
    again(call) {
        if (call.settled || this.status === Status.CLOSING || this.status === Status.CLOSED || this.status === Status.ABORTED) {
            return;
        }
        if (this.status === Status.CONNECTED && this.link !== null) {
            this.calls.handOver(this.link, call);
        } else {
            this.calls.spooled.unshift(call);
        }
    }

    /**
     * Authenticated and back in its rooms on this link: connected, and the spool goes.
     * @param {Link} link
     */
    resumed(link) {
        if (link !== this.link || link.dead || this.status !== Status.CONNECTING) {
            return;
        }
        this.reconnector.succeeded();
        this.setStatus(Status.CONNECTED);
        this.calls.drainSpool(link);
        this.listeners.emit("connected", link.address);
    }

    /**
     * A link is gone: sent calls fail (never sent twice), unsent ones wait in the spool, and a reconnect follows.
     * @param {Link} link
     * @param {CloseInfo | null} reason
     */
    lost(link, reason) {
        if (!link.markDead() || link !== this.link) {
            return;
        }
        this.link = null;
        this.calls.lost();
        if (link.opened) {
            this.listeners.emit("closed", reason || { code: 1006, reason: "connection lost" });
        }
        if (this.status !== Status.CONNECTED && this.status !== Status.CONNECTING) {
            return;
        }
        this.setStatus(Status.CONNECTING);
        const next = this.reconnector.next();
        if (next === null) {
            const why = "gave up after " + this.options.maxAttempts + " reconnect attempts";
            this.abort(new SwitchboardError("UNAVAILABLE", why));
            return;
        }
        const { delayMs, address } = next;
        this.listeners.emit("reconnecting", next);
        setTimeout(() => this.connect(address), delayMs);
    }

    /**
     * The server closes this connection: come back after retryAfterMs, or not at all.
     * @param {any} data the `end` event's
     */
    ended(data) {
        if (data && data.reconnect === false) {
            this.close();
            return;
        }
        if (data && typeof data.retryAfterMs === "number") {
            this.reconnector.retryAfter(data.retryAfterMs);
        }
    }
}

/** 12 random bytes, base64url, and a dot: what this client's keys start with. */
function keyPrefix() {
    const bytes = new Uint8Array(12);
    globalThis.crypto.getRandomValues(bytes);
    let text = "";
    for (const byte of bytes) {
        text += String.fromCharCode(byte);
    }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") + ".";
}
