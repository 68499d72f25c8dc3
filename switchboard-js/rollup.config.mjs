// Bundles the declarations tsc generated from src/ (dist/types/, one file per module) into the one file the
// package and the server ship beside dist/switchboard.mjs: dist/switchboard.d.mts. `npm run build` runs it
// after tsc.
import { dts } from "rollup-plugin-dts";

export default {
    input: "dist/types/switchboard.d.mts",
    output: { file: "dist/switchboard.d.mts", format: "es" },
    plugins: [dts()],
};
