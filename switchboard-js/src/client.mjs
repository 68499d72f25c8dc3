/** @import { AuthResult, Details, FileContent, JoinResult, Json, Params, Position, RoomView } from "./protocol.mjs" */
/** @import { CallOptions } from "./calls.mjs" */
/** @import { EventMap } from "./listeners.mjs" */
/** @import { ClientOptions } from "./options.mjs" */
import { ClientCore } from "./core.mjs";
import { addressList, withDefaults } from "./options.mjs";
import { Status } from "./status.mjs";

/**
 * A Switchboard connection that survives restarts and fail-over without the application noticing: the Java
 * client's `SwitchboardClient`, in the browser (docs/client.md). This class is the API; the state machine
 * behind it is ClientCore.
 */
export class SwitchboardClient {
    /**
     * @param {string | string[]} addresses one address or several: "ws://host:8080/switchboard/socket", or a
     *     path such as "/switchboard/socket" taken relative to the page (ws: or wss: as the page's scheme)
     * @param {ClientOptions} [options] see options.mjs for each one and its default
     */
    constructor(addresses, options) {
        const list = addressList(addresses);
        /**
         * The options as given, over the defaults.
         * @readonly
         */
        this.options = withDefaults(options);
        /** @private */
        this.core = new ClientCore(list, this.options);
    }

    /**
     * Starts connecting; calls made before are spooled.
     * @returns {this}
     */
    boot() {
        this.core.boot();
        return this;
    }

    get status() {
        return this.core.status;
    }

    isConnected() {
        return this.core.status === Status.CONNECTED;
    }

    /** Closes for good: spooled and unanswered calls fail with CLOSED; no reconnect follows. */
    close() {
        this.core.close();
    }

    /**
     * Calls a method; resolves with the reply's data, rejects with a SwitchboardError.
     * @template [T=Json]
     * @param {string} method
     * @param {Params | null} [params]
     * @param {CallOptions} [options] `noReply` (no id: resolves once written), `force` (send now on an open
     *     socket, even before auth and rooms are replayed; never spool), `timeoutMs`
     * @returns {Promise<T>}
     */
    call(method, params, options) {
        return /** @type {Promise<any>} */ (this.core.call(method, params, options));
    }

    // ------------------------------------------------------------ typed helpers

    /**
     * Mixer's {user, key}; with only a user, the development guest (when the server allows it).
     * @param {string} user
     * @param {string} [key]
     * @returns {Promise<AuthResult>}
     */
    auth(user, key) {
        return this.call("auth", key === undefined ? { user: user } : { user: user, key: key });
    }

    /**
     * @param {string} token
     * @returns {Promise<AuthResult>}
     */
    authToken(token) {
        return this.call("auth", { token: token });
    }

    /**
     * @param {string} room
     * @param {Position} [since] resume after this message: the ones missed meanwhile are replayed
     * @returns {Promise<JoinResult>}
     */
    roomAdd(room, since) {
        return this.call("roomAdd", since ? { room: room, since: since } : { room: room });
    }

    /**
     * @param {string} room
     * @returns {Promise<{ room: string }>}
     */
    roomLeave(room) {
        return this.call("roomLeave", { room: room });
    }

    /**
     * Joins a room to listen: roomAdd's alias of the faye era, re-joined after a reconnect like it.
     * @param {string} room
     * @returns {Promise<JoinResult>}
     */
    listenToRoom(room) {
        return this.call("listenToRoom", { room: room });
    }

    /**
     * Leaves a room: roomLeave's alias.
     * @param {string} room
     * @returns {Promise<{ room: string }>}
     */
    silenceRoom(room) {
        return this.call("silenceRoom", { room: room });
    }

    /**
     * A public file of the server, by name.
     * @param {string} name
     * @returns {Promise<FileContent>}
     */
    file(name) {
        return this.call("file", { file: name });
    }

    /**
     * @param {string} room
     * @returns {Promise<JoinResult>}
     */
    roomChange(room) {
        return this.call("roomChange", { room: room });
    }

    /**
     * @param {string} room
     * @returns {Promise<RoomView>}
     */
    roomView(room) {
        return this.call("roomView", { room: room });
    }

    /**
     * Says a message in a room, exactly once: the call carries a new idempotency key, and if its connection drops before
     * the reply it is sent again with the same key on the next one, where the server answers a repeat with the
     * original's reply (repeated: true) and sends nothing twice.
     * @param {string} room
     * @param {Json} message
     * @returns {Promise<{ room: string, messageId: string, sentAt: number, position?: Position, repeated?: boolean }>}
     */
    say(room, message) {
        return this.call("say", { room: room, message: message, key: this.core.nextKey() });
    }

    /**
     * @param {string} room
     * @param {number} [limit]
     * @returns {Promise<{ room: string, messages: Json[] }>}
     */
    history(room, limit) {
        return this.call("history", limit === undefined ? { room: room } : { room: room, limit: limit });
    }

    /**
     * @param {string} to
     * @param {Json} message
     * @returns {Promise<{ to: string, delivered: boolean, messageId: string, repeated?: boolean }>}
     */
    tell(to, message) {
        return this.call("tell", { to: to, message: message, key: this.core.nextKey() });
    }

    /**
     * @template [T=Json]
     * @param {string} action
     * @param {Params} [params]
     * @returns {Promise<T>}
     */
    action(action, params) {
        return this.call("action", { action: action, params: params || {} });
    }

    /** @returns {Promise<Details>} */
    detailsView() {
        return this.call("detailsView");
    }

    /** @returns {Promise<Json>} */
    documentation() {
        return this.call("documentation");
    }

    /** @returns {Promise<{ time: number }>} */
    ping() {
        return this.call("ping");
    }

    /** @returns {Promise<{ closing: boolean }>} */
    quit() {
        return this.call("quit");
    }

    /** The rooms the client is in, and re-joins after every reconnect. */
    rooms() {
        return this.core.resumption.rooms();
    }

    // ------------------------------------------------------------ events

    /**
     * Listens to a server event ("say", "join", "leave", "tell", "alert", "end", "welcome", "error", or any
     * other the server sends) or one of the client's: "connected" (the address), "closed" ({code, reason}),
     * "clientError" (an Error), "packet" (every frame from the server, parsed), "sent" and "spooled" (the call's
     * frame, {type: "method", id?, method, params}), "reconnecting" ({delayMs, address}), "status" (the new
     * status), "rejoined" (a roomAdd reply). Returns a function that removes the listener.
     * @template {keyof EventMap} K
     * @overload
     * @param {K} event
     * @param {(data: EventMap[K]) => void} listener
     * @returns {() => void}
     */
    /**
     * @overload
     * @param {string} event
     * @param {(data: Json) => void} listener
     * @returns {() => void}
     */
    /**
     * @param {string} event
     * @param {(data: any) => void} listener
     * @returns {() => void}
     */
    on(event, listener) {
        return this.core.listeners.add(event, listener);
    }

    /**
     * @param {string} event
     * @param {(data: never) => void} listener
     */
    off(event, listener) {
        this.core.listeners.remove(event, listener);
    }
}
