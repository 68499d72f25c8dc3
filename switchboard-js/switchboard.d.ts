// Types of Switchboard's browser client (switchboard.js / switchboard.mjs). Protocol: docs/protocol.md.

export type StatusName = "IDLE" | "CONNECTING" | "CONNECTED" | "CLOSING" | "CLOSED" | "ABORTED";

export declare const Status: Readonly<{ [K in StatusName]: K }>;

/** The pseudo-event fired after the client re-joined a room by itself. */
export declare const REJOINED: "rejoined";

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a message stands in its room: resume after it with `roomAdd(room, since)`. */
export interface Position {
    epoch: string;
    offset: number;
}

export interface Peer {
    id: string;
    user: string | null;
}

export interface Details {
    id: string;
    fingerprint: string;
    remoteAddress: string;
    connectedAt: number;
    rooms: string[];
    user: string | null;
    messagesIn: number;
    messagesOut: number;
}

export interface SayEvent {
    room: string;
    from: Peer;
    message: Json;
    messageId: string;
    sentAt: number;
    position?: Position;
}

export interface PresenceEvent {
    room: string;
    member: Peer;
    at: number;
}

export interface TellEvent {
    from: Peer;
    to: string;
    message: Json;
    messageId: string;
    sentAt: number;
}

export interface AlertEvent {
    room: string | null;
    message: Json;
    sentAt: number;
}

export interface EndEvent {
    reconnect: boolean;
    retryAfterMs: number;
    reason?: string;
}

export interface ErrorEvent {
    code: string;
    message: string;
}

export interface RoomMember {
    id: string;
    user: string | null;
    joinedAt: number;
}

export interface RoomView {
    room: string;
    membersCount: number;
    members: RoomMember[];
}

export interface JoinResult {
    room: string;
    joined: boolean;
    membersCount: number;
    recovered?: boolean;
    reason?: string;
}

export interface AuthResult {
    authenticated: boolean;
    user: string | null;
    roles: string[];
}

export interface CloseInfo {
    code: number;
    reason: string;
}

/** What each event's listener gets. */
export interface EventMap {
    welcome: Details;
    say: SayEvent;
    join: PresenceEvent;
    leave: PresenceEvent;
    tell: TellEvent;
    alert: AlertEvent;
    end: EndEvent;
    error: ErrorEvent;
    connected: string;
    closed: CloseInfo;
    clientError: Error;
    packet: { type: "reply" | "event"; [key: string]: Json };
    sent: string;
    spooled: string;
    reconnecting: { delayMs: number; address: string };
    status: StatusName;
    rejoined: JoinResult;
}

export interface ClientOptions {
    /** Shortest wait before a reconnect (500 ms). */
    backoffFloorMs?: number;
    /** Longest wait before a reconnect (30 s). */
    backoffCapMs?: number;
    /** Reconnect attempts in a row before giving up (0: never give up). */
    maxAttempts?: number;
    /** Calls held while disconnected (1000). */
    spoolSize?: number;
    /** Default deadline of a call, counted from the call (10 s). */
    callTimeoutMs?: number;
    /** Ping after this long without a frame from the server (15 s). */
    pingAfterQuietMs?: number;
    /** Replace the connection when a ping gets no answer within this (5 s). */
    pingTimeoutMs?: number;
    /** Give up on an address that sends no welcome within this (10 s). */
    connectTimeoutMs?: number;
    /** A WebSocket constructor (outside a browser). */
    WebSocket?: new (url: string) => WebSocket;
    /** A source of randomness in [0, 1) (Math.random). */
    random?: () => number;
}

export interface CallOptions {
    /** Send without an id: no reply; resolves with null once written. */
    noReply?: boolean;
    /** Send now on an open socket, even before auth and rooms are replayed; never spool. */
    force?: boolean;
    /** Deadline of this call in milliseconds. */
    timeoutMs?: number;
}

/** A refusal by the server (its error code) or by the client (CONNECTION_LOST, TIMEOUT, CLOSED, SPOOL_FULL, AUTHENTICATION_FAILED, UNAVAILABLE). */
export declare class SwitchboardError extends Error {
    readonly code: string;
    readonly method?: string;
    constructor(code: string, message: string, method?: string);
}

export declare class SwitchboardClient {
    /** One address or several: "ws://host:8080/switchboard/socket", or a path relative to the page. */
    constructor(addresses: string | string[], options?: ClientOptions);
    readonly options: Required<Omit<ClientOptions, "WebSocket" | "random">> & ClientOptions;
    readonly status: StatusName;
    boot(): this;
    close(): void;
    isConnected(): boolean;
    call<T = Json>(method: string, params?: { [key: string]: Json } | null, options?: CallOptions): Promise<T>;
    auth(user: string, key?: string): Promise<AuthResult>;
    authToken(token: string): Promise<AuthResult>;
    roomAdd(room: string, since?: Position): Promise<JoinResult>;
    roomLeave(room: string): Promise<{ room: string }>;
    roomChange(room: string): Promise<JoinResult>;
    roomView(room: string): Promise<RoomView>;
    say(room: string, message: Json): Promise<{ room: string; messageId: string; sentAt: number }>;
    history(room: string, limit?: number): Promise<{ room: string; messages: Json[] }>;
    tell(to: string, message: Json): Promise<{ to: string; delivered: boolean; messageId: string }>;
    action<T = Json>(action: string, params?: { [key: string]: Json }): Promise<T>;
    detailsView(): Promise<Details>;
    documentation(): Promise<Json>;
    ping(): Promise<{ time: number }>;
    quit(): Promise<{ closing: boolean }>;
    /** The rooms the client is in, and re-joins after every reconnect. */
    rooms(): string[];
    on<K extends keyof EventMap>(event: K, listener: (data: EventMap[K]) => void): () => void;
    on(event: string, listener: (data: Json) => void): () => void;
    off(event: string, listener: (data: never) => void): void;
}

/** The wait before retry number `attempt`: random between floor and min(cap, floor * 2^(attempt-1)). */
export declare function backoff(attempt: number, floorMs: number, capMs: number, random: () => number): number;

declare const SwitchboardApi: {
    SwitchboardClient: typeof SwitchboardClient;
    SwitchboardError: typeof SwitchboardError;
    Status: typeof Status;
    REJOINED: typeof REJOINED;
    backoff: typeof backoff;
};
export default SwitchboardApi;

declare global {
    /** Defined by the classic script switchboard.js. */
    var Switchboard: typeof SwitchboardApi;
}
