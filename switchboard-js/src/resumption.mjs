/** @import { Json, Params, Position } from "./protocol.mjs" */
/** @import { Link } from "./link.mjs" */
/** @import { PendingCall } from "./calls.mjs" */
/** @import { Listeners } from "./listeners.mjs" */
import { SwitchboardError } from "./errors.mjs";

/** The pseudo-event fired after the client re-joined a room by itself; data: the roomAdd reply. */
export const REJOINED = "rejoined";

const JOINS = new Set(["roomAdd", "listenToRoom"]);
const LEAVES = new Set(["roomLeave", "silenceRoom"]);

/**
 * What resuming needs of the client.
 * @typedef {object} ResumptionClient
 * @property {(link: Link, method: string, params: Params) => Promise<Json>} internalCall a call of the client's
 *     own, at once on that link (fails with CONNECTION_LOST when it is no longer the current one)
 * @property {(link: Link) => void} resumed authenticated and back in every room on this link: the spool may go
 * @property {(why: SwitchboardError) => void} abort gives up for good (the server refused the credentials it
 *     took before)
 * @property {() => void} close the application's `quit` was answered
 */

/**
 * What the application made of its session, and giving it back after a reconnect (Phoenix's channel rejoin,
 * kept apart from the socket's reconnect): the parameters of its last `auth`, the rooms it joined, and the
 * last position it saw in each. On a new link, after `welcome`: `auth` again, then `roomAdd` of every room
 * with `since`, and only then the spool.
 */
export class Resumption {
    /**
     * @param {ResumptionClient} client
     * @param {Listeners} listeners told "rejoined", and "clientError" when a re-join fails
     * @param {(() => Promise<string>) | null} tokens the application's tokens: asked for on every new link and when the token expires
     * @param {number} tokenTimeoutMs how long the supplier may take for a token (the client's call timeout)
     */
    constructor(client, listeners, tokens, tokenTimeoutMs) {
        this.client = client;
        this.listeners = listeners;
        this.tokens = tokens;
        this.tokenTimeoutMs = tokenTimeoutMs;
        /** @type {Set<string>} */
        this.joined = new Set();
        /** @type {Map<string, Position>} the last position seen per room, sent as `since` on re-join */
        this.positions = new Map();
        /** @type {Params | null} */
        this.authParams = null;
    }

    /** The rooms the client is in, and re-joins after a reconnect. */
    rooms() {
        return Array.from(this.joined);
    }

    /**
     * Keeps the rooms and the credentials of an application's call once it succeeded.
     * @param {PendingCall} call
     */
    track(call) {
        const room = typeof call.params.room === "string" ? call.params.room : null;
        call.promise.then(() => {
            if (JOINS.has(call.method) && room !== null) {
                this.joined.add(room);
            } else if (LEAVES.has(call.method) && room !== null) {
                this.joined.delete(room);
                this.positions.delete(room);
            } else if (call.method === "roomChange" && room !== null) {
                this.joined.clear();
                for (const key of Array.from(this.positions.keys())) {
                    if (key !== room) {
                        this.positions.delete(key);
                    }
                }
                this.joined.add(room);
            } else if (call.method === "auth") {
                this.authParams = call.params;
            } else if (call.method === "quit") {
                this.client.close();
            }
        }, () => {});
    }

    /**
     * A server event on the link whose connection has this id: a room's message (a `say`, or an application's event
     * to a room) gives the position to resume its room from; a `join` or `leave` of the connection itself that it did
     * not ask for — the server put it into a room (a default room, the application's subscribe) or took it out —
     * makes the room its own, or no longer, as its own `roomAdd` or `roomLeave` would.
     * @param {string} event
     * @param {any} data the event's data
     * @param {string | null} connectionId
     */
    heard(event, data, connectionId) {
        if (!data || typeof data.room !== "string") {
            return;
        }
        if (data.position) {
            this.positions.set(data.room, later(this.positions.get(data.room), data.position));
        } else if (connectionId !== null && data.member && data.member.id === connectionId) {
            if (event === "join") {
                this.joined.add(data.room);
            } else if (event === "leave") {
                this.joined.delete(data.room);
                this.positions.delete(data.room);
            }
        }
    }

    /**
     * A token from the application's supplier, within the call timeout; rejects with a plain Error (no SwitchboardError)
     * when the supplier fails, gives nothing, or takes too long.
     * @returns {Promise<string>}
     */
    token() {
        const tokens = /** @type {() => Promise<string>} */ (this.tokens);
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let timer;
        const late = new Promise((resolve, reject) => {
            timer = setTimeout(() => reject(new Error("no token within " + this.tokenTimeoutMs + " ms")), this.tokenTimeoutMs);
        });
        return Promise.race([Promise.resolve().then(() => tokens()), late]).then((token) => {
            clearTimeout(timer);
            if (typeof token !== "string" || token === "") {
                throw new Error("no token");
            }
            return token;
        }, (e) => {
            clearTimeout(timer);
            throw e instanceof SwitchboardError ? new Error(e.message) : e;
        });
    }

    /**
     * After `welcome` on a new link: auth — with where the client left each room (`since`), for the rooms the server
     * puts it into itself when it authenticates — then the rooms from those same positions, then `resumed`. The
     * positions are taken once, now: what arrives live meanwhile must not move a re-join's `since` past what was missed.
     * @param {Link} link
     */
    resume(link) {
        const auth = this.authParams;
        const rooms = this.rooms();
        /** @type {Record<string, any>} */
        const positions = {};
        for (const room of rooms) {
            if (this.positions.has(room)) {
                positions[room] = this.positions.get(room);
            }
        }
        const since = Object.keys(positions).length === 0 ? null : positions;
        /** @param {Params} params */
        const authenticate = (params) => this.client.internalCall(link, "auth", since === null ? params : Object.assign({}, params, { since: since }));
        const tokens = this.tokens;
        /** @type {Promise<any>} */
        let authenticated;
        if (tokens !== null && (auth === null || typeof auth.token === "string")) {
            // the application's supplier gives the token of every connection, the first included: a token that expired
            // while the client was away is never sent (Centrifugo's getToken, Phoenix's params function)
            authenticated = this.token().then((token) => {
                const fresh = { token: token };
                return authenticate(fresh).then((data) => {
                    this.authParams = fresh;
                    return data;
                });
            });
        } else {
            authenticated = auth === null ? Promise.resolve(null) : authenticate(auth);
        }
        const rejoin = () => {
            const rejoins = rooms.map((room) => {
                const since = positions[room];
                return this.client.internalCall(link, "roomAdd", since ? { room: room, since: since } : { room: room })
                    .then((data) => this.listeners.emit(REJOINED, /** @type {any} */ (data)), (e) => {
                        if (e.code !== "CONNECTION_LOST") {
                            this.listeners.emit("clientError", e);
                        }
                    });
            });
            return Promise.all(rejoins).then(() => this.client.resumed(link));
        };
        authenticated.then(rejoin, (e) => {
            if (e.code === "CONNECTION_LOST" || e.code === "CLOSED") {
                return; // the link or the client is gone already: what follows is theirs
            }
            if (e.code === "TIMEOUT") {
                link.abort("auth replay timed out");
            } else if (TRANSIENT.has(e.code)) {
                // not a verdict on the credentials (a broker outage, a server bug, a flood): the next connection tries again
                this.listeners.emit("clientError", e);
                link.abort("re-authentication refused for now (" + e.code + "); trying again");
            } else if (!(e instanceof SwitchboardError)) {
                // the application's token supplier failed: it may answer next time
                this.listeners.emit("clientError", new SwitchboardError("UNAVAILABLE", "the application's token supplier failed: "
                    + (e && e.message ? e.message : String(e)), "auth"));
                if (auth !== null) {
                    link.abort("no fresh token; trying again");
                } else {
                    // never authenticated yet: the client goes on without, and the application's own auth (spooled) may go
                    rejoin();
                }
            } else {
                this.client.abort(new SwitchboardError("AUTHENTICATION_FAILED", "re-authentication was refused: "
                    + e.message, "auth"));
            }
        });
    }
}

/** Refusals of a re-authentication that say nothing of the credentials: the client tries again on a new connection. */
const TRANSIENT = new Set(["UNAVAILABLE", "INTERNAL", "RATE_LIMITED"]);

/**
 * The later of two positions of a room: in one epoch the higher offset; across epochs, the one heard last (an older
 * message replayed after newer ones must not move the client back).
 * @param {any} known
 * @param {any} heard
 * @returns {any}
 */
function later(known, heard) {
    if (known && known.epoch === heard.epoch && typeof known.offset === "number" && typeof heard.offset === "number"
        && heard.offset <= known.offset) {
        return known;
    }
    return heard;
}
