/**
 * @import { AlertEvent, Details, EndEvent, ErrorEvent, Json, JoinResult, MethodFrame, Packet, PresenceEvent, SayEvent,
 *     TellEvent } from "./protocol.mjs"
 */
/** @import { StatusName } from "./status.mjs" */

/**
 * How a connection ended, as the WebSocket's close event tells it.
 * @typedef {{ code: number, reason: string }} CloseInfo
 */

/**
 * The next connect attempt: after this wait, to this address.
 * @typedef {{ delayMs: number, address: string }} ReconnectingEvent
 */

/**
 * What each event's listener gets: the server's events (any other name the server sends carries `Json`), then
 * the client's own.
 * @typedef {object} EventMap
 * @property {Details} welcome
 * @property {SayEvent} say
 * @property {PresenceEvent} join
 * @property {PresenceEvent} leave
 * @property {TellEvent} tell
 * @property {AlertEvent} alert
 * @property {EndEvent} end
 * @property {ErrorEvent} error
 * @property {string} connected the address, once auth and rooms are back
 * @property {CloseInfo} closed
 * @property {Error} clientError
 * @property {Packet} packet every frame from the server, parsed
 * @property {MethodFrame} sent a call written to the socket
 * @property {MethodFrame} spooled a call held until the client is connected
 * @property {ReconnectingEvent} reconnecting
 * @property {StatusName} status the new status
 * @property {JoinResult} rejoined a `roomAdd` reply the client made itself after a reconnect
 */

/**
 * The data of an event: as the map says for its names, any JSON for the others.
 * @template {string} K
 * @typedef {K extends keyof EventMap ? EventMap[K] : Json} EventData
 */

/** @typedef {(data: any) => void} Listener */

/**
 * Who listens to what, by event name. A failing listener never throws into the client: its error goes to the
 * "clientError" listeners, and one of theirs to the console.
 */
export class Listeners {
    constructor() {
        /** @type {Map<string, Listener[]>} */
        this.byEvent = new Map();
    }

    /**
     * @param {string} event
     * @param {Listener} listener
     * @returns {() => void} removes it
     */
    add(event, listener) {
        let list = this.byEvent.get(event);
        if (!list) {
            list = [];
            this.byEvent.set(event, list);
        }
        list.push(listener);
        return () => this.remove(event, listener);
    }

    /**
     * @param {string} event
     * @param {(data: never) => void} listener any listener that may have been added
     */
    remove(event, listener) {
        const list = this.byEvent.get(event);
        if (list) {
            const at = list.indexOf(/** @type {Listener} */ (listener));
            if (at >= 0) {
                list.splice(at, 1);
            }
        }
    }

    /**
     * Tells every listener of this event, in the order they came.
     * @template {string} K
     * @param {K} event
     * @param {EventData<K>} data
     */
    emit(event, data) {
        const list = this.byEvent.get(event);
        if (!list) {
            return;
        }
        for (const listener of list.slice()) {
            try {
                listener(data);
            } catch (e) {
                if (event !== "clientError") {
                    this.emit("clientError", /** @type {Error} */ (e)); // what was thrown, as it was
                } else if (globalThis.console) {
                    globalThis.console.error(e);
                }
            }
        }
    }
}
