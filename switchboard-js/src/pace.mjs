/**
 * How fast a link may send: a token bucket under the limits the server announced in `welcome`, so that a burst of
 * calls waits in the client instead of being refused (RATE_LIMITED) or closing the connection. It keeps a margin — 90%
 * of the average rate, half the burst — for frames the network bunches on their way. Unlimited until the server
 * announces limits.
 */
export class Pace {
    constructor() {
        this.limited = false;
        this.perMs = 0;
        this.burst = 0;
        this.tokens = 0;
        this.refilledAt = 0;
    }

    /**
     * The server's limits.
     * @param {number} framesPerSecond
     * @param {number} burst
     * @param {number} now epoch milliseconds
     */
    limit(framesPerSecond, burst, now) {
        if (!(framesPerSecond > 0) || !(burst > 0)) {
            return;
        }
        this.perMs = framesPerSecond * 0.9 / 1000;
        this.burst = Math.max(1, Math.floor(burst / 2));
        this.tokens = this.burst;
        this.refilledAt = now;
        this.limited = true;
    }

    /**
     * Takes a token and answers 0, or answers how many milliseconds until there is one (and takes none).
     * @param {number} now
     * @returns {number}
     */
    take(now) {
        const wait = this.wait(now);
        if (wait === 0 && this.limited) {
            this.tokens -= 1;
        }
        return wait;
    }

    /**
     * How many milliseconds until there is a token (0: there is one).
     * @param {number} now
     * @returns {number}
     */
    wait(now) {
        if (!this.limited) {
            return 0;
        }
        this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perMs);
        this.refilledAt = now;
        return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
    }
}
