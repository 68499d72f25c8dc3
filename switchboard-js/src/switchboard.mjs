/*
 * Switchboard's browser client: one WebSocket to a Switchboard server that survives restarts and fail-over
 * without the application noticing — the Java client's semantics (docs/client.md).
 *
 * The entry of the source: the build bundles it (esbuild) into dist/switchboard.mjs (an ES module) and
 * dist/switchboard.js (the classic script, an IIFE that defines the global `Switchboard`), and generates
 * the module's types (tsc, from the JSDoc, bundled by rollup) into dist/switchboard.d.mts; the classic script's
 * dist/switchboard.d.ts is a shim of a few lines (src/classic.d.ts) that re-exports those and declares the global.
 * The server jar serves the scripts:
 *     import { SwitchboardClient } from "/switchboard/switchboard.mjs";
 *     <script src="/switchboard/switchboard.js"></script>  →  new Switchboard.SwitchboardClient(...)
 *
 * Behind each call: a random start address and rotation on failure; exponential back-off with full jitter
 * between a floor and a cap; calls made while down are spooled (bounded, in order, each with its own deadline
 * from the call); after every reconnect the client authenticates again and re-joins its rooms — from the last
 * message it saw in each (`since`) — before the spool drains. A call already sent when the connection dropped
 * fails with CONNECTION_LOST: it is never sent twice.
 *
 * The parts, one job each (the Java client's): client.mjs (the API), core.mjs (the state machine: status and
 * current link), link.mjs (one WebSocket), calls.mjs (correlation by id, deadlines, the spool),
 * reconnector.mjs (addresses, back-off), resumption.mjs (re-auth and re-join), keep-alive.mjs,
 * listeners.mjs (and the event map), options.mjs, status.mjs, errors.mjs, protocol.mjs (the wire's types).
 */
import { SwitchboardClient } from "./client.mjs";
import { SwitchboardError } from "./errors.mjs";
import { backoff } from "./reconnector.mjs";
import { REJOINED } from "./resumption.mjs";
import { Status } from "./status.mjs";

export { SwitchboardClient, SwitchboardError, Status, REJOINED, backoff };

// the types of the API, for TypeScript (nothing at run time)
export * from "./protocol.mjs";
/** @typedef {import("./status.mjs").StatusName} StatusName */
/** @typedef {import("./options.mjs").ClientOptions} ClientOptions */
/** @typedef {import("./calls.mjs").CallOptions} CallOptions */
/** @typedef {import("./listeners.mjs").EventMap} EventMap */
/** @typedef {import("./listeners.mjs").CloseInfo} CloseInfo */
/** @typedef {import("./listeners.mjs").ReconnectingEvent} ReconnectingEvent */

/**
 * Everything at once: `import Switchboard from ".../switchboard.mjs"`, the same members as the classic script's
 * global.
 */
export default Object.freeze({ SwitchboardClient, SwitchboardError, Status, REJOINED, backoff });
