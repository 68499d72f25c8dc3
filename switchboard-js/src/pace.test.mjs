import assert from "node:assert/strict";
import { test } from "node:test";
import { Pace } from "./pace.mjs";

test("unlimited until the server announces limits", () => {
    const pace = new Pace();
    for (let i = 0; i < 10000; i++) {
        assert.equal(pace.take(0), 0);
    }
});

test("half the burst at once, then 90% of the rate", () => {
    const pace = new Pace();
    pace.limit(10, 4, 0);
    assert.equal(pace.take(0), 0);
    assert.equal(pace.take(0), 0);
    const wait = pace.take(0);
    assert.equal(wait, 112, "a token every 1/9 s, rounded up to the millisecond");
    assert.equal(pace.take(0), wait, "a refusal takes no token");
    assert.ok(pace.take(wait - 5) > 0);
    assert.equal(pace.take(wait), 0);
    let sent = 0;
    for (let now = wait; now <= wait + 10000; now++) {
        if (pace.take(now) === 0) {
            sent++;
        }
    }
    assert.ok(sent >= 89 && sent <= 91, "9 a second, never the server's 10: " + sent);
});

test("nonsense limits are ignored", () => {
    const pace = new Pace();
    pace.limit(0, 5, 0);
    pace.limit(5, -1, 0);
    pace.limit(undefined, undefined, 0);
    assert.equal(pace.take(0), 0);
    assert.equal(pace.take(0), 0);
});
