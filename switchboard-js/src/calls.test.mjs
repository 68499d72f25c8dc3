// Calls alone: correlation by id, the bounded spool, deadlines, and what a lost connection does to each call
// (a fake link records what is written, or refuses it like a closing socket).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Calls, PendingCall } from "./calls.mjs";
import { Pace } from "./pace.mjs";

/** A link whose socket takes frames, or (closing) throws. */
function fakeLink() {
    return {
        written: [],
        closing: false,
        dead: false,
        pace: new Pace(),
        send(text) {
            if (this.closing) {
                throw new Error("closing");
            }
            this.written.push(JSON.parse(text));
        },
    };
}

const failure = (promise) => promise.then(() => assert.fail("expected a failure"), (e) => e);

test("the spool is bounded by spoolSize, read at every call", () => {
    const options = { spoolSize: 2 };
    const calls = new Calls(options, () => {});
    calls.spool(new PendingCall(1, "a", {}, false));
    assert.equal(calls.spoolFull(), false);
    calls.spool(new PendingCall(2, "b", {}, false));
    assert.equal(calls.spoolFull(), true);
    options.spoolSize = 3;
    assert.equal(calls.spoolFull(), false);
});

test("a reply settles the call with its id; a reply to no call is dropped", async () => {
    const calls = new Calls({ spoolSize: 10 }, () => {});
    const link = fakeLink();
    const ok = new PendingCall(1, "ping", {}, false);
    const refused = new PendingCall(2, "say", { room: "r" }, false);
    calls.handOver(link, ok);
    calls.handOver(link, refused);
    calls.answer({ id: 3, data: "nobody's" });
    calls.answer({ id: 2, error: { code: "NOT_IN_ROOM", message: "not in r" } });
    calls.answer({ id: 1, data: { time: 7 } });
    assert.deepEqual(await ok.promise, { time: 7 });
    const e = await failure(refused.promise);
    assert.equal(e.code, "NOT_IN_ROOM");
    assert.equal(e.method, "say");
    assert.equal(calls.awaiting.size, 0);
});

test("the spool drains in order; a call a closing socket refuses goes back to it, the client's own fails", async () => {
    const sent = [];
    const calls = new Calls({ spoolSize: 10 }, (frame) => sent.push(frame.method));
    const link = fakeLink();
    calls.spool(new PendingCall(1, "one", {}, false));
    calls.spool(new PendingCall(2, "two", {}, false));
    calls.drainSpool(link);
    assert.deepEqual(link.written.map((f) => f.method), ["one", "two"]);
    assert.deepEqual(sent, ["one", "two"]);
    link.closing = true;
    const unsent = new PendingCall(3, "three", {}, false);
    const own = new PendingCall(4, "auth", {}, true);
    calls.handOver(link, unsent);
    calls.handOver(link, own);
    assert.deepEqual(calls.spooled, [unsent]);
    assert.equal(unsent.sent, false);
    assert.equal((await failure(own.promise)).code, "CONNECTION_LOST");
    assert.deepEqual(sent, ["one", "two"], "only what was written is told");
});

test("a lost connection fails the calls sent and unanswered, never sent again, and leaves the spool", async () => {
    const calls = new Calls({ spoolSize: 10 }, () => {});
    const awaiting = new PendingCall(1, "say", {}, false);
    const spooled = new PendingCall(2, "tell", {}, false);
    calls.handOver(fakeLink(), awaiting);
    calls.spool(spooled);
    calls.lost();
    const e = await failure(awaiting.promise);
    assert.equal(e.code, "CONNECTION_LOST");
    assert.match(e.message, /not sent again/);
    assert.deepEqual(calls.spooled, [spooled]);
});

test("a deadline takes the call out of the spool and says it was not sent", async () => {
    const calls = new Calls({ spoolSize: 10 }, () => {});
    const call = new PendingCall(1, "slow", {}, false);
    calls.spool(call);
    calls.deadline(call, 5);
    const e = await failure(call.promise);
    assert.equal(e.code, "TIMEOUT");
    assert.match(e.message, /within 5 ms \(it was not sent\)/);
    assert.deepEqual(calls.spooled, []);
});

test("over the server's announced rate, calls wait in order for the pace and all go out; a lost link spools them", async () => {
    const calls = new Calls({ spoolSize: 10 }, () => {});
    const link = fakeLink();
    link.pace.limit(1000, 4, Date.now()); // two at once, then one every 1.1 ms
    const made = [];
    for (let i = 1; i <= 6; i++) {
        const call = new PendingCall(i, "say", { room: "r", key: "k" + i }, false);
        made.push(call);
        calls.handOver(link, call);
    }
    assert.deepEqual(link.written.map((f) => f.id), [1, 2], "the burst goes at once, the rest waits");
    await new Promise((resolve) => {
        const check = setInterval(() => {
            if (link.written.length === 6) {
                clearInterval(check);
                resolve(undefined);
            }
        }, 1);
    });
    assert.deepEqual(link.written.map((f) => f.id), [1, 2, 3, 4, 5, 6], "in the order they were made");
    for (let i = 1; i <= 6; i++) {
        calls.answer({ id: i, data: null });
    }
    await Promise.all(made.map((call) => call.promise));

    const next = fakeLink();
    next.pace.limit(1, 2, Date.now()); // one at once, then one a second: the rest waits
    const later = [7, 8, 9].map((i) => new PendingCall(i, "ping", {}, false));
    later.forEach((call) => calls.handOver(next, call));
    assert.deepEqual(next.written.map((f) => f.id), [7]);
    calls.lost();
    assert.equal((await failure(later[0].promise)).code, "CONNECTION_LOST", "sent, unkeyed: fails");
    assert.deepEqual(calls.spooled.map((c) => c.id), [8, 9], "what waited for the pace was never sent: back to the spool");
});
