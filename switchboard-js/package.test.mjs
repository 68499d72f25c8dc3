// The package as a user gets it: `npm pack` makes the tarball, a new project installs it, imports it by
// its name (the ES module through `exports`), runs the classic script in a fresh global scope, and
// compiles against its types through the package's own `exports` (TypeScript from devDependencies).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

test("npm pack makes a package that installs, imports by name and type-checks", (t) => {
    const work = mkdtempSync(join(tmpdir(), "switchboard-pack-"));
    t.after(() => rmSync(work, { recursive: true, force: true }));
    const packed = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", work], { cwd: here, encoding: "utf8" }));
    const files = packed[0].files.map((f) => f.path).sort();
    assert.deepEqual(files, ["LICENSE", "dist/switchboard.d.mts", "dist/switchboard.d.ts", "dist/switchboard.js", "dist/switchboard.mjs",
        "package.json"]);

    const app = join(work, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    execFileSync(npm, ["install", "--offline", "--no-audit", "--no-fund", join(work, packed[0].filename)], { cwd: app, encoding: "utf8" });

    const imported = execFileSync(process.execPath, ["--input-type=module", "-e",
        "import S, { SwitchboardClient, Status, backoff } from 'switchboard-client';" +
        "console.log(JSON.stringify([typeof SwitchboardClient, Status.CONNECTED, S.SwitchboardClient === SwitchboardClient, backoff(1, 10, 100, () => 0)]));"],
        { cwd: app, encoding: "utf8" });
    assert.deepEqual(JSON.parse(imported), ["function", "CONNECTED", true, 10]);

    const classic = readFileSync(join(app, "node_modules", "switchboard-client", "dist", "switchboard.js"), "utf8");
    const scope = {};
    runInNewContext(classic + "\nthis.result = Switchboard;", scope);
    assert.equal(typeof scope.result.SwitchboardClient, "function");
    assert.equal(scope.result.REJOINED, "rejoined");

    writeFileSync(join(app, "usage.ts"), [
        "import { SwitchboardClient, type SayEvent } from 'switchboard-client';",
        "import type {} from 'switchboard-client/classic';",
        "const client: SwitchboardClient = new SwitchboardClient('ws://localhost:8080/switchboard/socket');",
        "client.on('say', (event: SayEvent) => console.log(event.room));",
        "client.on('sent', (frame) => console.log(frame.method, frame.params));",
        "// @ts-expect-error: say takes a room",
        "client.say();",
        "// the classic script's global, typed through exports './classic'",
        "const classic: SwitchboardClient = new globalThis.Switchboard.SwitchboardClient('/switchboard/socket');",
        "console.log(classic.status);",
    ].join("\n"));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16",
        target: "es2022", lib: ["es2022", "dom"], strict: true, noEmit: true, types: [] }, include: ["usage.ts"] }));
    execFileSync(process.execPath, [join(here, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: app, encoding: "utf8" });
});
