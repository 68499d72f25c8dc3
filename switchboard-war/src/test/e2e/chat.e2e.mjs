// The demo chat in a real browser (Debian's headless chromium, driven by playwright-core): two pages
// chat; one calls say 2,000 times at once (the client paces them under the server's limits); the WAR is undeployed — a message typed meanwhile waits in the client's spool — and deployed
// again; both pages reconnect by themselves, re-join, and go on.
//
//   (cd switchboard-war/src/test/e2e && node chat.e2e.mjs http://127.0.0.1:8180/switchboard/)
//
// Run by BrowserIT (mvn verify), which owns the server: this script prints "READY undeploy" and
// "READY deploy" when it wants the WAR gone or back, and reads "down" / "up" on stdin when it is.
// Exit code 0 when every step held; on a failure a screenshot of each page goes to switchboard-war/target/e2e/.
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";
import { mkdirSync } from "node:fs";

const base = process.argv[2];
if (!base) {
    console.error("usage: node chat.e2e.mjs <base URL of the WAR, ending in />");
    process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const STEP_MS = 60_000;
const RECONNECT_MS = 180_000;

const stdin = createInterface({ input: process.stdin });
const lines = [];
let waiting = null;
stdin.on("line", (line) => {
    lines.push(line.trim());
    if (waiting) {
        waiting();
    }
});

/** Waits for the harness to say `word` on stdin. */
async function heard(word) {
    const deadline = Date.now() + RECONNECT_MS;
    while (!lines.includes(word)) {
        if (Date.now() > deadline) {
            throw new Error("the harness did not say '" + word + "' in time");
        }
        await new Promise((resolve) => {
            waiting = resolve;
            setTimeout(resolve, 1000);
        });
    }
}

const step = (text) => console.log("STEP " + text);

const browser = await chromium.launch({
    executablePath,
    headless: true,
    // as the machine's probe runs it: no sandbox as root, no calls home on a closed network
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
});
const pages = [];
let failed = false;
try {
    async function open(nick) {
        const context = await browser.newContext();
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_MS);
        page.on("pageerror", (e) => console.log("PAGE ERROR (" + nick + "): " + e.message));
        page.on("console", (m) => m.type() === "error" && console.log("CONSOLE (" + nick + "): " + m.text()));
        pages.push([nick, page]);
        await page.goto(base);
        await page.evaluate(() => {
            window.statusLog = [];
            window.switchboardClient.on("status", (s) => window.statusLog.push(s));
        });
        await page.fill("#nick", nick);
        await page.click("#enter");
        await page.locator("#status").filter({ hasText: "CONNECTED" }).waitFor();
        await page.locator("#me").filter({ hasText: nick }).waitFor();
        await page.fill("#room-input", "lobby");
        await page.click("#join");
        await page.locator("#rooms li.current", { hasText: "lobby" }).waitFor();
        return page;
    }

    /** Says `text` on `page`, and waits until `readers` show it with the sender's name. */
    async function sayAndSee(page, nick, text, readers) {
        await page.fill("#message-input", text);
        await page.click("#send");
        for (const reader of readers) {
            await reader.locator("#messages li", { hasText: text }).filter({ hasText: nick + ":" }).waitFor();
        }
    }

    const present = (page, nick) => page.locator("#members li", { hasText: nick }).waitFor();

    step("two pages enter as ann and bob and join the lobby");
    const ann = await open("ann");
    const bob = await open("bob");
    await present(ann, "bob");
    await present(bob, "ann");

    step("they chat, each seeing both messages");
    await sayAndSee(ann, "ann", "hello from ann", [ann, bob]);
    await sayAndSee(bob, "bob", "hi ann, bob here", [ann, bob]);

    step("a message is text, never markup");
    await sayAndSee(ann, "ann", "<img src=x onerror=window.pwned=1>", [bob]);
    if (await bob.evaluate(() => window.pwned === 1 || document.querySelector("#messages img") !== null)) {
        throw new Error("a message was rendered as HTML");
    }

    step("the classic script defines the global Switchboard");
    const classic = await browser.newPage();
    pages.push(["classic", classic]);
    await classic.goto(base + "console.html");
    await classic.addScriptTag({ url: base + "switchboard.js" });
    const pong = await classic.evaluate(async () => {
        const client = new window.Switchboard.SwitchboardClient("socket").boot();
        const reply = await client.ping();
        client.close();
        return typeof reply.time === "number" && client.status === window.Switchboard.Status.CLOSED;
    });
    if (!pong) {
        throw new Error("the classic script's client did not ping");
    }
    await classic.close();

    step("a burst: 2,000 says called at once from the browser client, paced under the server's limits (its welcome's), all acknowledged and heard once in order");
    const burst = await bob.evaluate(async () => {
        const client = window.switchboardClient;
        await client.roomAdd("burst");
        const heard = [];
        client.on("say", (data) => {
            if (data.room === "burst") {
                heard.push(data.message);
            }
        });
        const started = Date.now();
        const calls = [];
        for (let i = 0; i < 2000; i++) {
            calls.push(client.say("burst", "b" + i));
        }
        const results = await Promise.allSettled(calls);
        const millis = Date.now() - started;
        const refused = results.filter((r) => r.status === "rejected").map((r) => (r.reason && r.reason.code) || String(r.reason));
        const deadline = Date.now() + 60_000;
        while (heard.length < 2000 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.roomLeave("burst");
        const inOrder = heard.every((message, i) => message === "b" + i);
        return { refused: refused.length, codes: [...new Set(refused)], heard: heard.length, inOrder, millis };
    });
    if (burst.refused !== 0 || burst.heard !== 2000 || !burst.inOrder) {
        throw new Error("the burst did not complete once and in order: " + JSON.stringify(burst));
    }
    console.log("[measure] browser client burst: 2000 says acknowledged in " + burst.millis + " ms, 0 refused, heard once in order");

    step("the WAR goes away");
    await ann.evaluate(() => {
        window.spooledFrames = [];
        window.switchboardClient.on("spooled", (frame) => window.spooledFrames.push(frame));
    });
    console.log("READY undeploy");
    await heard("down");
    await ann.locator("#status").filter({ hasNotText: /^CONNECTED$/ }).waitFor({ timeout: RECONNECT_MS });

    step("ann types while the server is gone: the client spools it");
    await ann.fill("#message-input", "sent while the server was down");
    await ann.click("#send");
    const spooled = await ann.evaluate(() => window.spooledFrames.map((frame) => frame.method));
    if (!spooled.includes("say")) {
        throw new Error("expected the message in the spool, found the calls " + JSON.stringify(spooled));
    }

    step("the WAR comes back: both pages reconnect, re-join and get the spooled message");
    console.log("READY deploy");
    await heard("up");
    for (const page of [ann, bob]) {
        await page.locator("#status").filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout: RECONNECT_MS });
        await page.locator("#messages li", { hasText: "sent while the server was down" }).waitFor({ timeout: RECONNECT_MS });
        const log = await page.evaluate(() => window.statusLog);
        if (!log.includes("CONNECTING") || log[log.length - 1] !== "CONNECTED") {
            throw new Error("expected CONNECTING then CONNECTED, got " + log.join(" → "));
        }
    }
    await present(ann, "bob");
    await present(bob, "ann");

    step("they go on chatting");
    await sayAndSee(bob, "bob", "still here after the redeploy", [ann, bob]);
    await sayAndSee(ann, "ann", "me too", [ann, bob]);
    const rooms = await ann.evaluate(() => window.switchboardClient.rooms());
    if (JSON.stringify(rooms) !== JSON.stringify(["lobby"])) {
        throw new Error("expected to be back in [lobby], got " + JSON.stringify(rooms));
    }
    console.log("PASS");
} catch (e) {
    failed = true;
    console.log("FAIL " + (e && e.stack ? e.stack : e));
    mkdirSync("../../../target/e2e", { recursive: true }); // switchboard-war/target/, from src/test/e2e/
    for (const [name, page] of pages) {
        try {
            await page.screenshot({ path: "../../../target/e2e/" + name + ".png", fullPage: true });
            console.log("screenshot switchboard-war/target/e2e/" + name + ".png");
        } catch (ignored) {
            // a page already closed
        }
    }
} finally {
    await browser.close();
    stdin.close();
}
process.exit(failed ? 1 : 0);
