// Switchboard's browser client as an ES module: loads the classic script (which defines the global
// `Switchboard`) and exports what it defines. Types: switchboard.d.ts.
import "./switchboard.js";

const { SwitchboardClient, SwitchboardError, Status, REJOINED, backoff } = globalThis.Switchboard;

export { SwitchboardClient, SwitchboardError, Status, REJOINED, backoff };
export default globalThis.Switchboard;
