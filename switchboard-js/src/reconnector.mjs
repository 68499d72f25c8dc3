/**
 * The wait before retry number `attempt` (1 for the first): exponential back-off with full jitter, random
 * between `floor` and min(`cap`, `floor`·2^(`attempt`-1)).
 * @param {number} attempt
 * @param {number} floor
 * @param {number} cap
 * @param {() => number} random in [0, 1)
 * @returns {number} milliseconds
 */
export function backoff(attempt, floor, cap, random) {
    const ceiling = Math.min(cap, floor * Math.pow(2, Math.max(0, attempt - 1)));
    return Math.floor(floor + random() * (Math.max(0, ceiling - floor) + 1));
}

/** @typedef {{ backoffFloorMs: number, backoffCapMs: number, maxAttempts: number }} ReconnectOptions */

/**
 * Where and when to connect next: a random start address, the next one after every lost connection, a
 * back-off between attempts (or the wait the server's `end` asked for), and giving up after `maxAttempts`
 * in a row.
 */
export class Reconnector {
    /**
     * @param {string[]} addresses at least one
     * @param {ReconnectOptions} options read at every attempt
     * @param {() => number} random in [0, 1)
     */
    constructor(addresses, options, random) {
        this.addresses = addresses;
        this.options = options;
        this.random = random;
        this.index = Math.floor(random() * addresses.length);
        this.attempts = 0;
        this.retryAfterMs = -1;
    }

    /** The address to start with. */
    first() {
        return this.addresses[this.index];
    }

    /** Connected: the back-off starts over. */
    succeeded() {
        this.attempts = 0;
    }

    /**
     * The server's `end` asked to wait this long before the next attempt, whatever the back-off says.
     * @param {number} ms
     */
    retryAfter(ms) {
        this.retryAfterMs = Math.max(0, ms);
    }

    /**
     * After a lost connection: the next attempt, or null when `maxAttempts` are used up.
     * @returns {{ delayMs: number, address: string } | null}
     */
    next() {
        this.attempts++;
        const { backoffFloorMs, backoffCapMs, maxAttempts } = this.options;
        if (maxAttempts > 0 && this.attempts > maxAttempts) {
            return null;
        }
        const delayMs = this.retryAfterMs >= 0 ? this.retryAfterMs
            : backoff(this.attempts, backoffFloorMs, backoffCapMs, this.random);
        this.retryAfterMs = -1;
        this.index = (this.index + 1) % this.addresses.length;
        return { delayMs: delayMs, address: this.addresses[this.index] };
    }
}
