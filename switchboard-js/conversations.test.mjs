// Replays every conversation of ../switchboard-protocol/conversations/ (its README.md is the format) against the
// browser client, in memory: a scripted server behind the `WebSocket` option, and what the client does recorded
// per kind (connections, frames, listener calls, call settlements), each `expect` step met by the next record of
// its kind. The Java client replays the same files (ConversationTest): the two clients cannot drift apart unnoticed.
// Run: npm test in switchboard-js/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as later } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import { SwitchboardClient } from "./src/switchboard.mjs";

const CONVERSATIONS = new URL("../switchboard-protocol/conversations/", import.meta.url);
const ADDRESS = "ws://scripted/socket";
/** The runners' defaults (README): back-off 10–50 ms, every timeout 5 s, the keep-alive after 60 s of quiet. */
const DEFAULTS = Object.freeze({ backoffFloorMs: 10, backoffCapMs: 50, callTimeoutMs: 5000, connectTimeoutMs: 5000,
    pingTimeoutMs: 5000, pingAfterQuietMs: 60000 });
const WAIT_MS = 5000;
const POLL_MS = 5;

/** What happened, by kind ("connect", "frame:2", "event:say", "call:x", …); each kind is read in order. */
class Records extends Map {
    /** @returns {{ items: any[], next: number }} the records of this kind, and how many were met already */
    queue(kind) {
        return this.get(kind) ?? this.set(kind, { items: [], next: 0 }).get(kind);
    }

    add(kind, item) {
        this.queue(kind).items.push(item);
    }
}

/**
 * The scripted server: each `new WebSocket(url)` is one connection (numbered from 1) that opens on a later tick
 * and records the frames the client sends; the conversation's `server` steps act on the newest one.
 */
class ScriptedServer {
    constructor(records) {
        this.connections = [];
        const server = this;
        this.WebSocket = class ScriptedSocket {
            constructor(url) {
                this.opened = false;
                this.closed = false;
                this.number = server.connections.push(this);
                records.add("connect", url);
                setTimeout(() => {
                    if (!this.closed) {
                        this.opened = true;
                        this.onopen?.({});
                    }
                }, 0);
            }

            send(text) {
                if (this.closed) {
                    throw new Error("the socket is closing");
                }
                records.add("frame:" + this.number, JSON.parse(text));
            }

            /** The client closes: like a browser, the close event comes on a later tick. */
            close(code, reason) {
                if (!this.closed) {
                    this.closed = true;
                    setTimeout(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? "" }), 0);
                }
            }
        };
    }

    get newest() {
        return this.connections[this.connections.length - 1];
    }
}

/** The `app` steps. A call is not awaited: its settlement is recorded, for `result` and `failure`. */
const APP = {
    boot: (run) => run.client.boot(),
    close: (run) => run.client.close(),
    call: (run, step) => {
        const settled = (outcome) => run.records.add("call:" + step.as, outcome);
        run.client.call(step.method, step.params, { noReply: step.noReply, timeoutMs: step.timeoutMs }).then(
            (data) => settled({ ok: true, data }), (e) => settled({ ok: false, code: e.code, message: e.message }));
    },
};

/** The `server` steps, on the newest connection once it is open. */
const SERVER = {
    send: (socket, step, vars) => socket.onmessage({ data: JSON.stringify(substitute(step.frame, vars)) }),
    sendText: (socket, step) => socket.onmessage({ data: step.text }),
    close: (socket, step) => {
        socket.closed = true;
        socket.onclose({ code: step.code, reason: step.reason ?? "" });
    },
};

/** The `expect` steps but `status`: which record kind each reads, and whether a record meets the step. */
const any = () => true;
const frameIs = (step, frame, vars) => sameFrame(step.frame, frame, vars);
const dataHolds = (step, data) => !("data" in step) || holds(step.data, data);
/** The step leaves this field out, or the record has the same value in it. */
const given = (field) => (step, record) => !(field in step) || record[field] === step[field];
const call = (step) => "call:" + step.of;
const EXPECT = {
    connect: { kind: () => "connect", meets: any },
    frame: { kind: (step, run) => "frame:" + run.server.connections.length, meets: frameIs },
    spooled: { kind: () => "spooled", meets: frameIs },
    event: { kind: (step) => "event:" + step.event, meets: dataHolds },
    error: { kind: () => "error", meets: given("code") },
    connected: { kind: () => "connected", meets: any },
    closed: { kind: () => "closed", meets: given("code") },
    reconnecting: { kind: () => "reconnecting", meets: given("delayMs") },
    result: { kind: call, meets: (step, settled) => settled.ok && dataHolds(step, settled.data) },
    failure: { kind: call, meets: (step, settled) => !settled.ok && settled.code === step.code },
};

/** The client's own listeners, by the record kind they fill ("status" only for the messages of `status` steps). */
const HEARD = { spooled: "spooled", clientError: "error", connected: "connected", closed: "closed",
    reconnecting: "reconnecting", status: "status" };

/** The listeners, registered before the first step: each call of one is a record of its kind. */
function listen(client, records, steps) {
    const kinds = new Map(Object.entries(HEARD));
    steps.filter((step) => step.expect === "event").forEach((step) => kinds.set(step.event, "event:" + step.event));
    const record = (data) => (data instanceof Error ? { code: data.code, message: data.message } : data);
    kinds.forEach((kind, name) => client.on(name, (data) => records.add(kind, record(data))));
}

async function perform(run, step, fail) {
    if ("app" in step) {
        return APP[step.app] ? APP[step.app](run, step) : fail("no such app step");
    }
    if ("server" in step) {
        return serve(run, step, fail);
    }
    if (step.expect === "status") {
        return expectStatus(run, step, fail);
    }
    return EXPECT[step.expect] ? expectNext(run, step, fail) : fail("no such step");
}

async function serve(run, step, fail) {
    const socket = run.server.newest;
    if (!SERVER[step.server]) {
        fail("no such server step");
    }
    if (!socket || !(await until(() => socket.opened || socket.closed, WAIT_MS)) || socket.closed) {
        fail(socket ? "connection " + socket.number + " is not open" : "no connection yet");
    }
    SERVER[step.server](socket, step, run.vars);
}

async function expectNext(run, step, fail) {
    const rule = EXPECT[step.expect];
    const withinMs = step.withinMs ?? WAIT_MS;
    let queue;
    const arrived = await until(() => {
        queue = run.records.queue(rule.kind(step, run));
        return queue.next < queue.items.length;
    }, withinMs);
    if (!arrived) {
        fail("nothing new within " + withinMs + " ms; recorded of this kind: " + show(queue.items));
    }
    const record = queue.items[queue.next++];
    if (!rule.meets(step, record, run.vars)) {
        fail("got " + show(record) + (run.vars.size ? "; bound: " + show(Object.fromEntries(run.vars)) : ""));
    }
}

async function expectStatus(run, step, fail) {
    const withinMs = step.withinMs ?? WAIT_MS;
    if (!(await until(() => run.client.status === step.status, withinMs))) {
        const seen = show(run.records.queue("status").items);
        fail("status " + run.client.status + " after " + withinMs + " ms; went through " + seen);
    }
}

/** Polls a condition every few ms until it holds or the time is up; whether it held. */
async function until(condition, withinMs) {
    const deadline = Date.now() + withinMs;
    while (!condition()) {
        if (Date.now() >= deadline) {
            return false;
        }
        await later(POLL_MS);
    }
    return true;
}

/** The frame sent is the one expected: the same JSON, null ≡ absent; the variables it binds are kept only then. */
function sameFrame(expected, actual, vars) {
    const bound = new Map(vars);
    const met = same(expected, actual, bound);
    if (met) {
        bound.forEach((value, name) => vars.set(name, value));
    }
    return met;
}

/** "$name" binds name to any value present when it is new, and must equal its value after. */
function same(expected, actual, vars) {
    if (isVariable(expected)) {
        const name = expected.slice(1);
        if (vars.has(name)) {
            return isDeepStrictEqual(vars.get(name), actual);
        }
        vars.set(name, actual);
        return actual !== null && actual !== undefined;
    }
    if (Array.isArray(expected)) {
        return Array.isArray(actual) && actual.length === expected.length
            && expected.every((item, i) => same(item, actual[i], vars));
    }
    if (isObject(expected) && isObject(actual)) {
        const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
        return [...keys].every((key) => same(expected[key] ?? null, actual[key] ?? null, vars));
    }
    return expected === actual;
}

/** `data` of a result or an event holds what is given: every field given, the same, recursively. */
function holds(expected, actual) {
    if (Array.isArray(expected)) {
        return Array.isArray(actual) && actual.length === expected.length
            && expected.every((item, i) => holds(item, actual[i]));
    }
    if (isObject(expected)) {
        const has = (key) => key in actual && holds(expected[key], actual[key]);
        return isObject(actual) && Object.keys(expected).every(has);
    }
    return expected === actual;
}

/** A frame the server sends, with each "$name" replaced by its bound value. */
function substitute(value, vars) {
    if (isVariable(value)) {
        assert.ok(vars.has(value.slice(1)), value + " is not bound yet");
        return vars.get(value.slice(1));
    }
    if (Array.isArray(value)) {
        return value.map((item) => substitute(item, vars));
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, vars)]));
    }
    return value;
}

const isVariable = (value) => typeof value === "string" && value.startsWith("$");
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const show = (value) => (Array.isArray(value) && value.length === 0 ? "nothing" : JSON.stringify(value));

for (const file of readdirSync(CONVERSATIONS).filter((name) => name.endsWith(".json")).sort()) {
    test(file, async () => {
        const conversation = JSON.parse(readFileSync(new URL(file, CONVERSATIONS), "utf8"));
        const records = new Records();
        const server = new ScriptedServer(records);
        const options = { ...DEFAULTS, ...conversation.options, WebSocket: server.WebSocket };
        if (Array.isArray(options.tokens)) { // the application's token supplier: these tokens, one per call
            const tokens = [...options.tokens];
            options.tokens = () => { // "!fail": the supplier fails this time
                const token = tokens.shift();
                return token === "!fail" ? Promise.reject(new Error("the identity provider is down")) : Promise.resolve(token);
            };
        }
        const client = new SwitchboardClient(ADDRESS, options);
        const run = { client, server, records, vars: new Map() };
        listen(client, records, conversation.steps);
        try {
            for (const [i, step] of conversation.steps.entries()) {
                await perform(run, step, (what) => assert.fail(file + ", step " + (i + 1) + " "
                    + JSON.stringify(step) + ": " + what));
            }
        } finally {
            client.close();
        }
    });
}
