// The reconnector alone: where and when the client connects next (no socket, no timer).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Reconnector } from "./reconnector.mjs";

const OPTIONS = { backoffFloorMs: 100, backoffCapMs: 1000, maxAttempts: 0 };

test("starts at a random address and moves to the next one on every attempt, round the list", () => {
    const reconnector = new Reconnector(["ws://a", "ws://b", "ws://c"], OPTIONS, () => 0.5);
    assert.equal(reconnector.first(), "ws://b");
    const next = [1, 2, 3, 4].map(() => reconnector.next().address);
    assert.deepEqual(next, ["ws://c", "ws://a", "ws://b", "ws://c"]);
});

test("the back-off doubles its ceiling with each attempt in a row and starts over once connected", () => {
    const reconnector = new Reconnector(["ws://a"], OPTIONS, () => 0.999999);
    assert.deepEqual([1, 2, 3, 4, 5].map(() => reconnector.next().delayMs), [100, 200, 400, 800, 1000]);
    reconnector.succeeded();
    assert.equal(reconnector.next().delayMs, 100);
});

test("the server's retryAfter replaces the back-off for the next attempt only", () => {
    const reconnector = new Reconnector(["ws://a"], OPTIONS, () => 0);
    reconnector.retryAfter(30);
    assert.equal(reconnector.next().delayMs, 30);
    assert.equal(reconnector.next().delayMs, 100);
    reconnector.retryAfter(-5);
    assert.equal(reconnector.next().delayMs, 0, "a negative wait is no wait");
});

test("gives up after maxAttempts in a row; a success resets the count", () => {
    const reconnector = new Reconnector(["ws://a", "ws://b"], { ...OPTIONS, maxAttempts: 2 }, () => 0);
    assert.notEqual(reconnector.next(), null);
    reconnector.succeeded();
    assert.notEqual(reconnector.next(), null);
    assert.notEqual(reconnector.next(), null);
    assert.equal(reconnector.next(), null);
});
