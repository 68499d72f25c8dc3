// Types of switchboard.mjs: the same as the classic script's (switchboard.d.ts).
export * from "./switchboard.js";
export { default } from "./switchboard.js";
