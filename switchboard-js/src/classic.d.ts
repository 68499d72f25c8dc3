// Types of the classic script dist/switchboard.js: the module's, and the global `Switchboard` the script
// defines. Hand-written, derived from the generated types; the build copies it to dist/switchboard.d.ts,
// beside dist/switchboard.d.mts.
import type Api from "./switchboard.mjs";

export * from "./switchboard.mjs";
export { default } from "./switchboard.mjs";

declare global {
    /** Defined by the classic script switchboard.js. */
    var Switchboard: typeof Api;
}
