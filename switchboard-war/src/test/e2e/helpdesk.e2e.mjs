// examples/helpdesk's page in a real browser (Debian's headless chromium, driven by playwright-core): ann signs in
// as a development guest, carol with a token; a ticket opened through the REST resource appears on both pages as
// it happens (they loaded the list before it existed), so does one ann opens on her page; an assignment updates
// both boards and tells carol's page; a title is text, never markup.
//
//   (cd switchboard-war/src/test/e2e && HELPDESK_BOB_TOKEN=… HELPDESK_CAROL_TOKEN=… node helpdesk.e2e.mjs http://127.0.0.1:8180/helpdesk/)
//
// Run by HelpdeskBrowserIT (mvn verify), which deploys the WAR with development guests allowed and passes two tokens
// signed with the servers' key. Exit code 0 when every step held; a screenshot of each page goes to
// switchboard-war/target/e2e/ in any case.
import { launch, screenshots } from "./browser.mjs";

const base = process.argv[2];
const bobToken = process.env.HELPDESK_BOB_TOKEN;
const carolToken = process.env.HELPDESK_CAROL_TOKEN;
if (!base || !bobToken || !carolToken) {
    console.error("usage: HELPDESK_BOB_TOKEN=… HELPDESK_CAROL_TOKEN=… node helpdesk.e2e.mjs <base URL of the WAR, ending in />");
    process.exit(2);
}
const STEP_MS = 60_000;

const step = (text) => console.log("STEP " + text);

/** The application's REST resource, as another service (or a curl) would call it. */
async function rest(method, path, token, body, headers = {}) {
    const response = await fetch(base + "rest/" + path, {
        method,
        headers: { Authorization: "Bearer " + token, "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
    });
    if (!response.ok) {
        throw new Error(method + " rest/" + path + ": " + response.status + " " + (await response.text()));
    }
    return response.json();
}

const browser = await launch();
const pages = [];
let failed = false;
try {
    /** A page signed in by `signIn`, showing the board as `user`. */
    async function open(user, signIn) {
        const context = await browser.newContext();
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_MS);
        page.on("pageerror", (e) => console.log("PAGE ERROR (" + user + "): " + e.message));
        page.on("console", (m) => m.type() === "error" && console.log("CONSOLE (" + user + "): " + m.text()));
        pages.push([user, page]);
        await page.goto(base);
        await signIn(page);
        await page.locator("#board").waitFor();
        await page.locator("#me").filter({ hasText: user }).waitFor();
        await page.locator("#status").filter({ hasText: /^CONNECTED$/ }).waitFor();
        return page;
    }
    const row = (page, id) => page.locator(`#tickets li[data-id="${id}"]`);

    step("ann signs in as a development guest, carol with a token");
    const ann = await open("ann", async (page) => {
        await page.fill("#name", "ann");
        await page.click("#guest");
    });
    const carol = await open("carol", async (page) => {
        await page.fill("#token", carolToken);
        await page.click("#use-token");
    });

    step("a ticket opened through REST appears on both pages, live");
    const title = "The printer is on fire " + Date.now();
    const { ticket } = await rest("POST", "tickets", bobToken, { title }, { "Idempotency-Key": "e2e-" + Date.now() });
    for (const page of [ann, carol]) {
        await row(page, ticket.id).filter({ hasText: title }).filter({ hasText: "OPEN" }).waitFor();
        await page.locator("#activity li", { hasText: "bob opened #" + ticket.id + ": " + title }).waitFor();
    }

    step("ann opens a ticket on her page; both pages show it");
    await ann.fill("#title", "Screen flickers");
    await ann.click("#open");
    for (const page of [ann, carol]) {
        await page.locator("#tickets li", { hasText: "Screen flickers" }).filter({ hasText: "ann" }).waitFor();
    }

    step("bob assigns the first ticket to carol: her page is told, both boards update");
    await rest("POST", "tickets/" + ticket.id + "/assign", bobToken, { assignee: "carol" });
    await carol.locator("#activity li", { hasText: "to you: ticket " + ticket.id + " is yours" }).waitFor();
    for (const page of [ann, carol]) {
        await row(page, ticket.id).filter({ hasText: "ASSIGNED" }).filter({ hasText: "bob → carol" }).waitFor();
    }

    step("a title is text, never markup");
    const markup = await rest("POST", "tickets", bobToken, { title: "<img src=x onerror=window.pwned=1>" });
    await row(ann, markup.ticket.id).filter({ hasText: "<img src=x" }).waitFor();
    if (await ann.evaluate(() => window.pwned === 1 || document.querySelector("#tickets img") !== null)) {
        throw new Error("a title was rendered as HTML");
    }
    console.log("PASS");
} catch (e) {
    failed = true;
    console.log("FAIL " + (e && e.stack ? e.stack : e));
} finally {
    await screenshots(pages.map(([name, page]) => ["helpdesk-" + name, page]), { fullPage: true });
    await browser.close();
}
process.exit(failed ? 1 : 0);
