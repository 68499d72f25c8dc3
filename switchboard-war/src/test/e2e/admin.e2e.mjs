// The operators' console in a real browser (Debian's headless chromium, driven by playwright-core), on one node of
// a two-node cluster: it lists both nodes, the room its test filled on both with its members, shows this node's live
// rates while a second page sends frames, sends an alert to the room, disconnects one member and drains the other
// node — each through the page's own buttons. A screenshot of the console always goes to
// switchboard-war/target/e2e/admin-console.png.
//
//   (cd switchboard-war/src/test/e2e && node admin.e2e.mjs http://127.0.0.1:8380/switchboard/ ops <password> <room> <connection id>)
//
// Run by ClusterIT (mvn verify), which owns the nodes and checks on its clients what the actions did. Exit code 0
// and "PASS" when every step held; on a failure a screenshot of each page goes to switchboard-war/target/e2e/.
import { launch, screenshots } from "./browser.mjs";

const [base, username, password, room, victim] = process.argv.slice(2);
if (!victim) {
    console.error("usage: node admin.e2e.mjs <base URL of the WAR, ending in /> <operator> <password> <room> <connection id to disconnect>");
    process.exit(2);
}
const STEP_MS = 60_000;
const step = (text) => console.log("STEP " + text);

const browser = await launch();
const pages = [];
let failed = false;
try {
    step("the console asks for the operator's login and opens with it");
    const anonymous = await browser.newContext(); // a navigation there ends in ERR_INVALID_AUTH_CREDENTIALS: ask as fetch would
    const refused = await anonymous.request.get(base + "api/admin/console");
    if (refused.status() !== 401) {
        throw new Error("expected 401 without a login, got " + refused.status());
    }
    await anonymous.close();
    const context = await browser.newContext({ httpCredentials: { username, password }, viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on("pageerror", (e) => console.log("PAGE ERROR: " + e.message));
    page.on("console", (m) => m.type() === "error" && console.log("CONSOLE: " + m.text()));
    page.on("dialog", (d) => {
        console.log("FAIL a dialog opened: " + d.message());
        process.exit(1);
    });
    pages.push(["admin-console-failed", page]);
    const opened = await page.goto(base + "api/admin/console");
    if (opened.status() !== 200) {
        throw new Error("expected the console, got " + opened.status());
    }

    step("both nodes are listed, this one first");
    await page.locator("#nodes tbody tr").nth(1).waitFor();
    const self = await page.locator("#nodes tbody tr.self").getAttribute("data-node");
    const other = await page.locator("#nodes tbody tr:not(.self)").getAttribute("data-node");
    if (!self || !other || self === other || (await page.locator("#node").textContent()) !== self) {
        throw new Error("expected this node and another, got " + self + " and " + other);
    }

    step("the room with its members on both nodes");
    const roomRow = page.locator(`#rooms tbody tr[data-room="${room}"]`);
    await roomRow.locator("td.n", { hasText: /^3$/ }).waitFor();
    await roomRow.click();
    await page.locator("#room-name", { hasText: room }).waitFor();
    await page.locator(`#members tbody tr[data-id="${victim}"]`).waitFor();
    const members = await page.locator("#members tbody tr").count();
    if (members !== 3) {
        throw new Error("expected 3 members listed, got " + members);
    }

    step("live rates: frames sent by another page show as messages in per second");
    const traffic = await browser.newPage();
    pages.push(["admin-traffic", traffic]);
    await traffic.goto(base + "console.html");
    await traffic.evaluate((socket) => {
        const ws = new WebSocket(socket);
        let sent = 0;
        ws.onopen = () => {
            const timer = setInterval(() => {
                if (sent >= 600 || ws.readyState !== WebSocket.OPEN) { // 30 s at most
                    clearInterval(timer);
                    ws.close();
                    return;
                }
                ws.send(JSON.stringify({ id: ++sent, method: "ping" }));
            }, 50);
        };
    }, base.replace(/^http/, "ws") + "socket");
    await page.waitForFunction(() => {
        const value = document.querySelector('#rates [data-rate="in"] .value');
        return value && parseFloat(value.textContent.replace(/,/g, "")) > 0;
    }, null, { timeout: STEP_MS });
    const rate = await page.locator('#rates [data-rate="in"] .value').textContent();
    console.log("[console] messages in per second shown: " + rate);
    await screenshots([["admin-console", page]], { fullPage: true });

    step("an alert to the room");
    await page.fill("#alert-room", room);
    await page.fill("#alert-message", "from the console");
    await page.click("#alert-send");
    await page.locator("#result", { hasText: "Alert sent to room " + room }).waitFor();

    step("a member disconnected by its button (a second click confirms)");
    const disconnect = page.locator(`#members tbody tr[data-id="${victim}"] button`, { hasText: /^Disconnect$/ });
    await disconnect.click();
    await page.locator(`#members tbody tr[data-id="${victim}"] button.confirm`).click();
    await page.locator("#result", { hasText: "Disconnecting " + victim }).waitFor();
    await page.locator(`#members tbody tr[data-id="${victim}"]`).waitFor({ state: "detached" });

    step("the other node drained through this one: its row says so from its next heartbeat");
    await page.locator(`#nodes tbody tr[data-node="${other}"] button`, { hasText: "Drain" }).click();
    await page.locator(`#nodes tbody tr[data-node="${other}"] button.confirm`).click();
    await page.locator("#result", { hasText: "Asked node " + other + " to drain" }).waitFor();
    await page.locator(`#nodes tbody tr[data-node="${other}"] .tag.draining`).waitFor();
    await page.locator(`#nodes tbody tr[data-node="${self}"] .tag:not(.draining)`).waitFor();
    await screenshots([["admin-console-after", page]], { fullPage: true });
    console.log("DRAINED " + other);
    console.log("PASS");
} catch (e) {
    failed = true;
    console.log("FAIL " + (e && e.stack ? e.stack : e));
    await screenshots(pages, { fullPage: true });
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
