/*
 * The wire as the client's users see it (docs/protocol.md): the frames, and the data of the server's events
 * and of the replies to the typed helpers. Types only, no code: JSDoc for tsc, nothing at run time.
 */

/**
 * Any JSON value. (Three typedefs: JSDoc, unlike TypeScript, refuses a type alias that names itself in an array.)
 * @typedef {null | boolean | number | string | JsonArray | JsonObject} Json
 */
/** @typedef {Array<Json>} JsonArray */
/** @typedef {{ [key: string]: Json }} JsonObject */

/** @typedef {JsonObject} Params A call's parameters: a JSON object. */

/**
 * A call as it goes on the wire (the Java client's `Call`): without an `id` when no reply is awaited.
 * @typedef {{ type: "method", id?: number, method: string, params: Params }} MethodFrame
 */

/**
 * A frame from the server as it was parsed: a reply (`id`, `data`, `error`) or an event (`event`, `data`).
 * @typedef {{ type: "reply" | "event", [key: string]: Json }} Packet
 */

/**
 * Where a message stands in its room: resume after it with `roomAdd(room, since)`.
 * @typedef {{ epoch: string, offset: number }} Position
 */

/** @typedef {{ id: string, user: string | null }} Peer */

/**
 * The `welcome` event and the `detailsView` reply: this connection as the server sees it.
 * @typedef {object} Details
 * @property {string} id
 * @property {string} fingerprint
 * @property {string} remoteAddress
 * @property {number} connectedAt
 * @property {string[]} rooms
 * @property {string | null} user
 * @property {number} messagesIn
 * @property {number} messagesOut
 * @property {Limits | null} [limits] what the connection may send: the client paces its frames under it
 */

/**
 * What a connection may send, as the server announces it in `welcome` and `detailsView`.
 * @typedef {object} Limits
 * @property {number} framesPerSecond the average rate of frames
 * @property {number} burst frames at once above that average
 * @property {number} maxFrameBytes the largest text frame, in UTF-8 bytes
 */

/**
 * @typedef {object} SayEvent
 * @property {string} room
 * @property {Peer} from
 * @property {Json} message
 * @property {string} messageId
 * @property {number} sentAt
 * @property {Position} [position]
 */

/**
 * The `join` and `leave` events.
 * @typedef {object} PresenceEvent
 * @property {string} room
 * @property {Peer} member
 * @property {number} at
 */

/**
 * @typedef {object} TellEvent
 * @property {Peer} from
 * @property {string} to
 * @property {Json} message
 * @property {string} messageId
 * @property {number} sentAt
 */

/**
 * @typedef {object} AlertEvent
 * @property {string | null} room
 * @property {Json} message
 * @property {number} sentAt
 */

/**
 * The server closes this connection: come back after `retryAfterMs`, or (`reconnect: false`) not at all.
 * @typedef {object} EndEvent
 * @property {boolean} reconnect
 * @property {number} retryAfterMs
 * @property {string} [reason]
 */

/**
 * @typedef {object} ErrorEvent
 * @property {string} code
 * @property {string} message
 */

/**
 * @typedef {object} RoomMember
 * @property {string} id
 * @property {string | null} user
 * @property {number} joinedAt
 */

/**
 * @typedef {object} RoomView
 * @property {string} room
 * @property {number} membersCount
 * @property {RoomMember[]} members
 */

/**
 * A public file of the server (the file method's reply).
 * @typedef {object} FileContent
 * @property {string} file its name
 * @property {string} mime its media type
 * @property {number} length its size in bytes
 * @property {number} lastModified epoch milliseconds
 * @property {string} encoding "utf-8" or "base64"
 * @property {string} content the file, in that encoding
 */

/**
 * The reply to `roomAdd` (and `roomChange`), and the data of `rejoined`: `recovered` says whether the
 * messages missed meanwhile were replayed, or (`false`, with a `reason`) that the application must reload.
 * @typedef {object} JoinResult
 * @property {string} room
 * @property {boolean} joined
 * @property {number} membersCount
 * @property {boolean} [recovered]
 * @property {string} [reason]
 */

/**
 * @typedef {object} AuthResult
 * @property {boolean} authenticated
 * @property {string | null} user
 * @property {string[]} roles
 */

export {};
