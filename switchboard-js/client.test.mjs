// Unit tests of the browser client as a whole (its entry, src/switchboard.mjs), on Node's test runner,
// against a scripted in-memory WebSocket: spooling, deadlines, at-most-once, fail-over with re-auth and
// re-join from the last position, the server's end event, keep-alive, back-off. Parts with logic of their
// own have their tests beside them (src/*.test.mjs). The real browser and the real server are BrowserIT's.
// Run: npm test in switchboard-js/ (the build does).
import { test as nodeTest, afterEach } from "node:test";
import assert from "node:assert/strict";
import { SwitchboardClient, SwitchboardError, Status, REJOINED, backoff } from "./src/switchboard.mjs";
import { withPresenceDiffs } from "./src/link.mjs";

/** A scripted server: each connection is a FakeSocket; `answer` replies to calls unless told otherwise. */
class FakeServer {
    constructor() {
        this.sockets = [];
        this.refuse = false; // new connections fail before opening
        this.silent = false; // calls are not answered
        this.handlers = {
            auth: (p) => (p.key === "wrong" ? { error: { code: "UNAUTHORIZED", message: "no" } } : { data: { authenticated: true, user: p.user, roles: [] } }),
            roomAdd: (p) => ({ data: { room: p.room, joined: true, membersCount: 1, recovered: p.since ? true : undefined } }),
        };
        const server = this;
        this.WebSocket = class FakeSocket {
            constructor(url) {
                this.url = url;
                this.sent = [];
                this.closed = false;
                server.sockets.push(this);
                setTimeout(() => {
                    if (server.refuse) {
                        this._close(1006, "refused");
                        return;
                    }
                    this.onopen && this.onopen({});
                    this.push({ type: "event", event: "welcome", data: { id: "c" + server.sockets.length } });
                }, 1);
            }
            send(text) {
                if (this.closed) {
                    throw new Error("closed");
                }
                const frame = JSON.parse(text);
                this.sent.push(frame);
                if (server.silent || frame.id === undefined) {
                    return;
                }
                const handler = server.handlers[frame.method];
                const outcome = handler ? handler(frame.params) : { data: { ok: frame.method } };
                setTimeout(() => this.push({ type: "reply", id: frame.id, error: outcome.error || null, data: outcome.data ?? null }), 1);
            }
            push(frame) {
                if (!this.closed) {
                    this.onmessage && this.onmessage({ data: JSON.stringify(frame) });
                }
            }
            close(code, reason) {
                this._close(code || 1000, reason || "");
            }
            /** The server drops the connection. */
            drop() {
                this._close(1006, "dropped");
            }
            _close(code, reason) {
                if (this.closed) {
                    return;
                }
                this.closed = true;
                setTimeout(() => this.onclose && this.onclose({ code, reason }), 1);
            }
        };
    }

    get last() {
        return this.sockets[this.sockets.length - 1];
    }
}

const FAST = { backoffFloorMs: 5, backoffCapMs: 20, callTimeoutMs: 2000, pingAfterQuietMs: 60000, connectTimeoutMs: 2000 };

/** Every client a test made: closed after each test, so that a failed test leaves no timer running. */
const made = [];
afterEach(() => made.splice(0).forEach((c) => c.close()));

/** A test with a deadline: a client that never settles fails it instead of hanging the run. */
const test = (name, fn) => nodeTest(name, { timeout: 5000 }, fn);

function client(server, options, addresses) {
    return remember(new SwitchboardClient(addresses || ["ws://a/socket", "ws://b/socket"],
        Object.assign({ WebSocket: server.WebSocket, random: () => 0 }, FAST, options || {})));
}

function remember(c) {
    made.push(c);
    return c;
}

async function until(condition, what) {
    const deadline = Date.now() + 3000;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error("timed out waiting for " + what);
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
}

const methods = (socket) => socket.sent.map((f) => f.method);

test("calls made before and while connecting are spooled and sent in order once connected", async () => {
    const server = new FakeServer();
    const c = client(server);
    const spooled = [];
    const sent = [];
    c.on("spooled", (frame) => spooled.push(frame.method));
    c.on("sent", (frame) => sent.push(frame));
    const first = c.call("one");
    c.boot();
    const second = c.call("two", { n: 2 });
    assert.equal(c.status, Status.CONNECTING);
    assert.deepEqual(await first, { ok: "one" });
    assert.deepEqual(await second, { ok: "two" });
    assert.deepEqual(spooled, ["one", "two"]);
    assert.deepEqual(methods(server.last), ["one", "two"]);
    assert.deepEqual(sent, server.last.sent, "the sent listeners get each frame as an object, as it went on the wire");
    assert.deepEqual(sent[1], { type: "method", id: 2, method: "two", params: { n: 2 } });
    assert.equal(c.status, Status.CONNECTED);
    c.close();
    assert.equal(c.status, Status.CLOSED);
});

test("a full spool refuses at once; a spooled call's deadline counts from the call", async () => {
    const server = new FakeServer();
    server.refuse = true;
    const c = client(server, { spoolSize: 1, callTimeoutMs: 40 });
    c.boot();
    const waiting = c.call("waits");
    await assert.rejects(c.call("overflows"), (e) => e instanceof SwitchboardError && e.code === "SPOOL_FULL");
    await assert.rejects(waiting, (e) => e.code === "TIMEOUT" && /not sent/.test(e.message));
    c.close();
});

test("a call sent before the connection dropped fails and is never sent again; unsent calls go out after the reconnect", async () => {
    const server = new FakeServer();
    const c = client(server);
    c.boot();
    await c.ping();
    server.silent = true;
    const lost = c.call("lost");
    await until(() => methods(server.last).includes("lost"), "the call on the wire");
    server.silent = false;
    const firstSocket = server.last;
    firstSocket.drop();
    await assert.rejects(lost, (e) => e.code === "CONNECTION_LOST");
    const later = c.call("later");
    assert.deepEqual(await later, { ok: "later" });
    assert.notEqual(server.last, firstSocket);
    assert.ok(!methods(server.last).includes("lost"), "not re-sent");
    assert.equal(server.last.url, "ws://b/socket?presence=diff", "rotated to the next address, asking for presence diffs");
    c.close();
});

test("after a reconnect the client authenticates again, re-joins from its last position, then drains the spool", async () => {
    const server = new FakeServer();
    const c = client(server);
    const rejoined = [];
    c.on(REJOINED, (r) => rejoined.push(r));
    c.boot();
    await c.auth("ann", "secret");
    await c.roomAdd("lobby");
    server.last.push({ type: "event", event: "say", data: { room: "lobby", message: "m1", position: { epoch: "n1", offset: 7 } } });
    await c.ping();
    server.refuse = true;
    server.last.drop();
    await until(() => c.status === Status.CONNECTING, "reconnecting");
    const spooled = c.say("lobby", "while down");
    server.refuse = false;
    await spooled;
    const replayed = server.last.sent;
    assert.deepEqual(replayed.map((f) => f.method), ["auth", "roomAdd", "say"]);
    assert.deepEqual(replayed[0].params, { user: "ann", key: "secret", since: { lobby: { epoch: "n1", offset: 7 } } },
        "where it left its rooms, for the rooms the server puts it into on auth");
    assert.deepEqual(replayed[1].params, { room: "lobby", since: { epoch: "n1", offset: 7 } });
    assert.equal(rejoined.length, 1);
    assert.equal(rejoined[0].recovered, true);
    assert.deepEqual(c.rooms(), ["lobby"]);
    c.close();
});

test("a left room is not re-joined; roomChange keeps only the new room", async () => {
    const server = new FakeServer();
    const c = client(server);
    c.boot();
    await c.roomAdd("a");
    await c.roomAdd("b");
    await c.roomLeave("a");
    assert.deepEqual(c.rooms(), ["b"]);
    await c.roomChange("c");
    assert.deepEqual(c.rooms(), ["c"]);
    c.close();
});

test("refused re-authentication aborts the client and fails what waits", async () => {
    const server = new FakeServer();
    const c = client(server);
    const errors = [];
    c.on("clientError", (e) => errors.push(e));
    c.boot();
    await c.auth("ann", "secret");
    server.handlers.auth = () => ({ error: { code: "UNAUTHORIZED", message: "revoked" } });
    server.refuse = true;
    server.last.drop();
    await until(() => c.status === Status.CONNECTING, "reconnecting");
    const waiting = c.call("waits");
    server.refuse = false;
    await assert.rejects(waiting, (e) => e.code === "CLOSED" && /gave up: re-authentication was refused/.test(e.message));
    assert.equal(c.status, Status.ABORTED);
    assert.equal(errors[errors.length - 1].code, "AUTHENTICATION_FAILED");
    await assert.rejects(c.ping(), (e) => e.code === "CLOSED");
});

test("end with reconnect false closes for good; with retryAfterMs the next attempt waits that long", async () => {
    const server = new FakeServer();
    const c = client(server);
    const reconnecting = [];
    c.on("reconnecting", (r) => reconnecting.push(r));
    c.boot();
    await c.ping();
    server.last.push({ type: "event", event: "end", data: { reconnect: true, retryAfterMs: 30, reason: "node draining" } });
    server.last.drop();
    await until(() => reconnecting.length === 1, "a reconnect");
    assert.equal(reconnecting[0].delayMs, 30);
    await until(() => c.status === Status.CONNECTED, "connected again");
    const sockets = server.sockets.length;
    server.last.push({ type: "event", event: "end", data: { reconnect: false, retryAfterMs: 0, reason: "disconnected by an operator" } });
    assert.equal(c.status, Status.CLOSED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.sockets.length, sockets, "no new connection");
});

test("a connection that stops answering pings is replaced", async () => {
    const server = new FakeServer();
    const c = client(server, { pingAfterQuietMs: 20, pingTimeoutMs: 30 });
    c.boot();
    await c.ping();
    const first = server.last;
    server.silent = true;
    await until(() => server.sockets.length === 2, "a second connection");
    server.silent = false;
    assert.ok(methods(first).filter((m) => m === "ping").length >= 2, "the keep-alive pinged");
    await until(() => c.status === Status.CONNECTED, "connected again");
    c.close();
});

test("gives up after maxAttempts failed reconnects", async () => {
    const server = new FakeServer();
    server.refuse = true;
    const c = client(server, { maxAttempts: 3 });
    c.boot();
    await until(() => c.status === Status.ABORTED, "aborted");
    assert.equal(server.sockets.length, 4);
});

test("the back-off waits between the floor and the doubled ceiling, capped", () => {
    assert.equal(backoff(1, 500, 30000, () => 0), 500);
    assert.equal(backoff(1, 500, 30000, () => 0.999999), 500);
    assert.equal(backoff(3, 500, 30000, () => 0.999999), 2000);
    assert.equal(backoff(40, 500, 30000, () => 0.999999), 30000);
    assert.ok(backoff(4, 500, 30000, Math.random) <= 4000);
});

test("noReply resolves once written; force needs an open connection", async () => {
    const server = new FakeServer();
    const c = client(server);
    await assert.rejects(c.call("ping", {}, { force: true }), (e) => e.code === "UNAVAILABLE");
    c.boot();
    await c.ping();
    const sent = [];
    c.on("sent", (frame) => sent.push(frame));
    assert.equal(await c.call("say", { room: "x", message: 1 }, { noReply: true }), null);
    assert.equal(server.last.sent[server.last.sent.length - 1].id, undefined);
    assert.deepEqual(sent, [{ type: "method", method: "say", params: { room: "x", message: 1 } }], "a frame without an id");
    c.close();
});

test("the client asks for presence diffs and hears a diff as its join and leave events, never as the diff itself", async () => {
    assert.equal(withPresenceDiffs("ws://h/switchboard/socket"), "ws://h/switchboard/socket?presence=diff");
    assert.equal(withPresenceDiffs("ws://h/socket?sessionID=a"), "ws://h/socket?sessionID=a&presence=diff");
    assert.equal(withPresenceDiffs("ws://h/socket?"), "ws://h/socket?presence=diff");
    assert.equal(withPresenceDiffs("ws://h/socket?presence=diff&x=1"), "ws://h/socket?presence=diff&x=1");
    const server = new FakeServer();
    const c = client(server);
    const heard = [];
    c.on("join", (data) => heard.push("join " + data.member.id));
    c.on("leave", (data) => heard.push("leave " + data.member.id));
    c.on("presenceDiff", () => heard.push("the diff itself"));
    c.boot();
    await c.ping();
    server.last.push({ type: "event", event: "presenceDiff", data: { room: "r", events: [
        { type: "event", event: "join", data: { room: "r", member: { id: "a", user: null }, at: 1 } },
        { type: "event", event: "leave", data: { room: "r", member: { id: "a", user: null }, at: 2 } },
        { type: "event", event: "say", data: { room: "r", message: "not presence: ignored" } },
        { type: "event", event: "join", data: { room: "r", member: { id: "b", user: "bob" }, at: 3 } }] } });
    server.last.push({ type: "event", event: "presenceDiff", data: { room: "r", events: "not a list" } });
    await c.ping();
    assert.deepEqual(heard, ["join a", "leave a", "join b"]);
    c.close();
});
