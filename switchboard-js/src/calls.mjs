/** @import { Json, MethodFrame, Params } from "./protocol.mjs" */
/** @import { Link } from "./link.mjs" */
import { SwitchboardError, lostAfterSent, lostBeforeSent } from "./errors.mjs";

/**
 * How one call goes out.
 * @typedef {object} CallOptions
 * @property {boolean} [noReply] Send without an id: no reply; resolves with null once written.
 * @property {boolean} [force] Send now on an open socket, even before auth and rooms are replayed; never spool.
 * @property {number} [timeoutMs] Deadline of this call in milliseconds, counted from the call.
 */

/** The methods whose key the server honours. */
const KEYED_METHODS = new Set(["say", "tell"]);

/** One call on its way: spooled, written, then answered, failed or timed out. */
export class PendingCall {
    /**
     * @param {number | null} id null for a call that awaits no reply
     * @param {string} method
     * @param {Params} params
     * @param {boolean} internal made by the client itself (replay, keep-alive): never spooled, fails with its link
     */
    constructor(id, method, params, internal) {
        this.id = id;
        this.method = method;
        this.params = params;
        this.internal = internal;
        /**
         * A publishing call with an idempotency key (say or tell with a key): sent again with the same key on the next
         * connection instead of failing when its connection drops; the server answers a repeat with the original's reply.
         */
        this.keyed = !internal && id !== null && KEYED_METHODS.has(method) && params !== null && typeof params === "object"
            && typeof (/** @type {Record<string, Json>} */ (params)).key === "string";
        /** @type {MethodFrame} */
        const frame = id === null ? { type: "method", method: method, params: params }
            : { type: "method", id: id, method: method, params: params };
        /** What the "sent" and "spooled" listeners get. */
        this.frame = Object.freeze(frame);
        /** The frame encoded once, at the call: what goes on the wire. */
        this.text = JSON.stringify(this.frame);
        this.sent = false;
        /** Answered, failed or timed out. */
        this.settled = false;
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        this.timer = undefined;
        /** @type {(data: Json) => void} */
        this.resolve = () => {};
        /** @type {(error: Error) => void} */
        this.reject = () => {};
        /** @type {Promise<Json>} */
        this.promise = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
    }

    /** @param {Json} data */
    succeed(data) {
        this.settled = true;
        clearTimeout(this.timer);
        this.resolve(data);
    }

    /** @param {Error} error */
    fail(error) {
        this.settled = true;
        clearTimeout(this.timer);
        this.reject(error);
    }
}

/**
 * The calls in flight: those awaiting their reply by id (correlation), the spool of those made while not
 * connected (in order, bounded), and every call's deadline.
 */
export class Calls {
    /**
     * @param {{ spoolSize: number }} options read at every call
     * @param {(frame: MethodFrame) => void} onSent told of every frame written
     */
    constructor(options, onSent) {
        this.options = options;
        this.onSent = onSent;
        /** @type {PendingCall[]} */
        this.spooled = [];
        /** @type {Map<number, PendingCall>} */
        this.awaiting = new Map();
        /** @type {PendingCall[]} calls for the current link that wait for its pace (the server's rate), in order */
        this.paced = [];
        /** @type {Link | null} the link they wait for */
        this.pacedLink = null;
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        this.paceTimer = undefined;
    }

    spoolFull() {
        return this.spooled.length >= this.options.spoolSize;
    }

    /** @param {PendingCall} call */
    spool(call) {
        this.spooled.push(call);
    }

    /**
     * Fails the call with TIMEOUT after this long, wherever it waits then; counted from now, spooled time included.
     * @param {PendingCall} call
     * @param {number} timeoutMs
     */
    deadline(call, timeoutMs) {
        call.timer = setTimeout(() => {
            const at = this.spooled.indexOf(call);
            if (at >= 0) {
                this.spooled.splice(at, 1);
            }
            if (call.id !== null && this.awaiting.get(call.id) === call) {
                this.awaiting.delete(call.id);
            }
            const paced = this.paced.indexOf(call);
            if (paced >= 0) {
                this.paced.splice(paced, 1);
            }
            call.settled = true;
            call.reject(new SwitchboardError("TIMEOUT", "no reply to '" + call.method + "' within " + timeoutMs + " ms"
                + (call.sent ? " (it was sent)" : " (it was not sent)"), call.method));
        }, timeoutMs);
    }

    /**
     * Writes a call on a link, awaiting its reply when it has an id. When the socket refuses it (closing), the
     * call was not sent: the client's own fails, an application's goes back to the front of the spool.
     * @param {Link} link
     * @param {PendingCall} call
     */
    handOver(link, call) {
        if (this.pacedLink !== link) {
            this.paced = [];
            this.pacedLink = link;
        }
        if (this.paced.length > 0 || link.pace.take(Date.now()) > 0) {
            this.paced.push(call); // over the server's rate: it waits, in order, for a token
            this.schedulePaced(link);
            return;
        }
        this.write(link, call);
    }

    /**
     * Sends the calls that wait for the pace as tokens come.
     * @param {Link} link
     */
    schedulePaced(link) {
        if (this.paceTimer !== undefined) {
            return;
        }
        const wait = link.pace.wait(Date.now());
        this.paceTimer = setTimeout(() => {
            this.paceTimer = undefined;
            if (this.pacedLink !== link || link.dead) {
                return;
            }
            while (this.paced.length > 0 && link.pace.take(Date.now()) === 0) {
                this.write(link, /** @type {PendingCall} */ (this.paced.shift()));
            }
            if (this.paced.length > 0) {
                this.schedulePaced(link);
            }
        }, Math.max(1, wait));
    }

    /**
     * Writes a call now.
     * @param {Link} link
     * @param {PendingCall} call
     */
    write(link, call) {
        if (call.id !== null) {
            this.awaiting.set(call.id, call);
        }
        try {
            link.send(call.text);
        } catch (e) {
            if (call.id !== null) {
                this.awaiting.delete(call.id);
            }
            if (call.internal) {
                call.fail(lostBeforeSent(call.method));
            } else {
                this.spooled.unshift(call);
            }
            return;
        }
        call.sent = true;
        this.onSent(call.frame);
        if (call.id === null) {
            call.succeed(null);
        }
    }

    /**
     * The spool, in order, onto a link that is ready.
     * @param {Link} link
     */
    drainSpool(link) {
        const spooled = this.spooled;
        this.spooled = [];
        for (const call of spooled) {
            this.handOver(link, call);
        }
    }

    /**
     * Settles the call a reply answers, by its id; a reply to none (timed out already) is dropped.
     * @param {{ id: number, data?: Json, error?: { code: string, message: string } | null }} reply
     * @param {(call: PendingCall, code: string) => void} [again] takes a keyed call refused with RATE_LIMITED or
     *     UNAVAILABLE, to send it again
     * @returns {boolean} whether the reply matched a call
     */
    answer(reply, again) {
        const call = this.awaiting.get(reply.id);
        if (!call) {
            return false;
        }
        this.awaiting.delete(reply.id);
        if (reply.error && (reply.error.code === "RATE_LIMITED" || reply.error.code === "UNAVAILABLE") && call.keyed && again) {
            again(call, reply.error.code); // refused for now: a keyed call goes again shortly, and its key keeps it once
            return true;
        }
        if (reply.error) {
            call.fail(new SwitchboardError(reply.error.code, reply.error.message, call.method));
        } else {
            call.succeed(reply.data === undefined ? null : reply.data);
        }
        return true;
    }

    /**
     * The connection is lost: keyed calls sent and unanswered go back to the front of the spool, in the order they were
     * made, to be sent again with the same key (the server sends nothing twice); every other call sent and unanswered
     * fails, and is never sent again.
     */
    lost() {
        const sent = Array.from(this.awaiting.values()).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
        this.awaiting.clear();
        const unsent = this.paced;
        this.paced = [];
        this.pacedLink = null;
        clearTimeout(this.paceTimer);
        this.paceTimer = undefined;
        const again = [];
        for (const call of sent) {
            if (call.keyed) {
                again.push(call);
            } else {
                call.fail(lostAfterSent(call.method));
            }
        }
        this.spooled = again.concat(unsent.filter((call) => !call.internal), this.spooled);
        for (const call of unsent) {
            if (call.internal) {
                call.fail(lostBeforeSent(call.method));
            }
        }
    }

    /**
     * Fails everything pending, spooled or awaiting a reply (the client closes or gives up).
     * @param {() => Error} error one for each call
     */
    failAll(error) {
        const pending = this.spooled.concat(Array.from(this.awaiting.values()), this.paced);
        this.spooled = [];
        this.paced = [];
        clearTimeout(this.paceTimer);
        this.paceTimer = undefined;
        this.awaiting.clear();
        for (const call of pending) {
            call.fail(error());
        }
    }
}
