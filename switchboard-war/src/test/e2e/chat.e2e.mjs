// The demo chat in a real browser (Debian's headless chromium, driven by playwright-core): ann (a desktop window,
// 1280×800) and bob chat — times on the messages, one's own marked, join and leave as quiet lines; dan enters late and
// sees the lobby's history, then leaves; cy, on a phone (360×740, touch), sees the history too, fits the screen, and
// gets a refused join inline (never a dialog); bob calls say 2,000 times at once (the client paces them under the
// server's limits); the WAR is undeployed — every page shows "reconnecting…", and a message ann types meanwhile waits
// in her client's spool — and deployed again; ann and bob come back and ann's message goes out while cy is still held
// off (the test refuses her reconnects for a while), so that cy's re-join recovers it: "1 message recovered".
//
//   (cd switchboard-war/src/test/e2e && node chat.e2e.mjs http://127.0.0.1:8180/switchboard/)
//
// Run by BrowserIT (mvn verify), which owns the server: this script prints "READY undeploy" and
// "READY deploy" when it wants the WAR gone or back, and reads "down" / "up" on stdin when it is.
// Exit code 0 when every step held. Screenshots go to switchboard-war/target/e2e/ in any case: chat-desktop.png
// (ann's window) and chat-phone.png (cy's phone); on a failure also one of each page, by its name.
import { launch, screenshots } from "./browser.mjs";
import { createInterface } from "node:readline";

const base = process.argv[2];
if (!base) {
    console.error("usage: node chat.e2e.mjs <base URL of the WAR, ending in />");
    process.exit(2);
}
const STEP_MS = 60_000;
const RECONNECT_MS = 180_000;
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

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

function expect(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

const browser = await launch();
const pages = [];
/** Every dialog any page opened (alert, confirm, prompt): the demo must show errors inline, so this stays empty. */
const dialogs = [];
let failed = false;
let ann = null;
let cy = null;
try {
    /**
     * A new browser context (its own cookies, its own viewport) whose page enters as `nick` and joins the lobby.
     * `prepare` may route the context's WebSockets before the page loads.
     */
    async function open(nick, contextOptions = {}, prepare = async () => {}) {
        const context = await browser.newContext(contextOptions);
        await prepare(context);
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_MS);
        page.on("pageerror", (e) => console.log("PAGE ERROR (" + nick + "): " + e.message));
        page.on("console", (m) => m.type() === "error" && console.log("CONSOLE (" + nick + "): " + m.text()));
        page.on("dialog", (dialog) => {
            dialogs.push(nick + ": " + dialog.type() + " '" + dialog.message() + "'");
            dialog.dismiss().catch(() => {});
        });
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

    const said = (page, nick, text) => page.locator("#messages li.say", { hasText: text }).filter({ hasText: nick + ":" });

    /** Says `text` on `page`, and waits until `readers` show it with the sender's name. */
    async function sayAndSee(page, nick, text, readers) {
        await page.fill("#message-input", text);
        await page.click("#send");
        for (const reader of readers) {
            await said(reader, nick, text).waitFor();
        }
    }

    /** `nick` in the page's member list; on a phone the list is folded away, so there only in the document. */
    const present = (page, nick, state = "visible") => page.locator("#members li", { hasText: nick }).waitFor({ state });
    const presence = (page, text) => page.locator("#messages li.presence", { hasText: text });

    /** How many message lines of the page show `text`: each message once, however it came (live, history, recovery). */
    const count = (page, text) => page.locator("#messages li.say", { hasText: text }).count();

    /** Every message line shows HH:MM in a <time> whose title and datetime give the full time, a recent one. */
    async function timesShown(page) {
        const times = await page.$$eval("#messages li.say", (items) => items.map((li) => {
            const time = li.querySelector("time");
            return time ? { text: time.textContent, title: time.title, at: Date.parse(time.dateTime) } : null;
        }));
        expect(times.length > 0, "no message lines to check the times of");
        for (const time of times) {
            expect(time !== null && /^\d\d:\d\d$/.test(time.text) && time.title.length > 5,
                "expected every message with a time HH:MM and a title, got " + JSON.stringify(times));
            expect(Math.abs(Date.now() - time.at) < 10 * 60_000, "expected a recent time, got " + JSON.stringify(time));
        }
    }

    /** Nothing wider than the screen: no horizontal scroll, the named parts inside the viewport, the input at the bottom. */
    async function fitsTheScreen(page, width) {
        const view = await page.evaluate(() => ({
            width: window.innerWidth,
            height: window.innerHeight,
            scrollWidth: document.documentElement.scrollWidth,
            // what sticks out to the right, outside the room strip (which scrolls sideways by design)
            wide: Array.from(document.querySelectorAll("body *"))
                .filter((e) => e.getClientRects().length > 0 && !e.closest("#rooms"))
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")),
        }));
        expect(view.width === width, "expected a viewport " + width + " px wide, got " + view.width);
        expect(view.scrollWidth <= view.width, "the page scrolls sideways: " + view.scrollWidth + " px in " + view.width);
        expect(view.wide.length === 0, "wider than the screen: " + view.wide.join(", "));
        for (const selector of ["#messages", "#message-input", "#send", "#room-input", "#join", "#status"]) {
            const box = await page.locator(selector).boundingBox();
            expect(box !== null && box.x >= 0 && box.x + box.width <= width + 0.5 && box.y >= 0
                && box.y + box.height <= view.height + 0.5, selector + " is not within the screen: " + JSON.stringify(box));
        }
        const messages = await page.locator("#messages").boundingBox();
        expect(messages.height >= view.height * 0.45, "the messages take " + messages.height + " px of " + view.height);
        const input = await page.locator("#message-input").boundingBox();
        expect(view.height - (input.y + input.height) < 40, "the message input is not at the bottom: " + JSON.stringify(input));
    }

    step("two pages enter as ann (a desktop window) and bob and join the lobby; ann sees bob join");
    ann = await open("ann", DESKTOP);
    const bob = await open("bob");
    await present(ann, "bob");
    await present(bob, "ann");
    await presence(ann, "bob joined").waitFor();

    step("they chat, each seeing both messages, with their times, their own marked as theirs");
    await sayAndSee(ann, "ann", "hello from ann", [ann, bob]);
    await sayAndSee(bob, "bob", "hi ann, bob here", [ann, bob]);
    await timesShown(ann);
    await timesShown(bob);
    expect(await said(ann, "ann", "hello from ann").evaluate((li) => li.classList.contains("mine")), "ann's own message is not marked mine on her page");
    expect(await said(bob, "ann", "hello from ann").evaluate((li) => !li.classList.contains("mine")), "ann's message is marked mine on bob's page");
    expect(await said(bob, "bob", "hi ann, bob here").evaluate((li) => li.classList.contains("mine")), "bob's own message is not marked mine on his page");

    step("a message is text, never markup");
    await sayAndSee(ann, "ann", "<img src=x onerror=window.pwned=1>", [bob]);
    if (await bob.evaluate(() => window.pwned === 1 || document.querySelector("#messages img") !== null)) {
        throw new Error("a message was rendered as HTML");
    }

    step("dan enters late: the lobby's history is shown, each message once; ann and bob see dan join, then leave");
    const dan = await open("dan");
    await said(dan, "ann", "hello from ann").and(dan.locator("li.history")).waitFor();
    await said(dan, "bob", "hi ann, bob here").and(dan.locator("li.history")).waitFor();
    expect(await count(dan, "hello from ann") === 1 && await count(dan, "hi ann, bob here") === 1, "dan's history shows a message twice");
    await timesShown(dan);
    await presence(ann, "dan joined").waitFor();
    await presence(bob, "dan joined").waitFor();
    await dan.click("#leave");
    await presence(ann, "dan left").waitFor();
    await presence(bob, "dan left").waitFor();
    await dan.context().close();

    step("cy enters on a phone (360×740): history, her message, everything on the screen, the members folded away");
    // cy's WebSockets pass through the test, which can hold her reconnects back later (the gate)
    const gate = { open: true, refused: 0 };
    cy = await open("cy", PHONE, (context) => context.routeWebSocket(/\/socket(\?.*)?$/, (ws) => { // the client asks for presence diffs in the query
        if (gate.open) {
            ws.connectToServer();
        } else {
            gate.refused++;
            ws.close({ code: 1013, reason: "held back by the test" });
        }
    }));
    await said(cy, "ann", "hello from ann").and(cy.locator("li.history")).waitFor();
    await present(cy, "ann", "attached");
    await sayAndSee(cy, "cy", "hello from a phone", [ann, bob, cy]);
    await sayAndSee(ann, "ann", "a long link: https://example.com/switchboard/docs/client.md#the-demo-chat-on-a-small-screen-0123456789", [cy]);
    await timesShown(cy);
    await fitsTheScreen(cy, 360);
    expect(!(await cy.locator("#members").isVisible()), "the member list takes the phone's screen before it is asked for");
    await cy.click("#members-toggle");
    await present(cy, "bob");
    await cy.click("#members-toggle");
    await cy.locator("#members").waitFor({ state: "hidden" });
    expect(!(await ann.locator("#members-toggle").isVisible()), "the desktop shows the phone's member toggle");
    const columns = await Promise.all(["#rooms-pane", "#chat", "#members-pane"].map((s) => ann.locator(s).boundingBox()));
    expect(columns[0].x + columns[0].width <= columns[1].x && columns[1].x + columns[1].width <= columns[2].x
        && columns[2].x + columns[2].width <= 1280, "the desktop does not show three columns: " + JSON.stringify(columns));

    step("a refused join (a room name of 129 characters) shows its error beside the form, not in a dialog");
    await cy.fill("#room-input", "x".repeat(129));
    await cy.click("#join");
    await cy.locator("#join-error", { hasText: "BAD_PARAMS" }).waitFor();
    await cy.locator("#rooms li.current", { hasText: "lobby" }).waitFor();
    await fitsTheScreen(cy, 360);
    expect(dialogs.length === 0, "a page opened a dialog: " + dialogs.join("; "));
    await cy.fill("#room-input", "");
    await cy.locator("#join-error").waitFor({ state: "hidden" });

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

    step("the WAR goes away: every page says it is reconnecting");
    await ann.evaluate(() => {
        window.spooledFrames = [];
        window.switchboardClient.on("spooled", (frame) => window.spooledFrames.push(frame));
    });
    console.log("READY undeploy");
    await heard("down");
    for (const page of [ann, bob, cy]) {
        await page.locator("#status").filter({ hasNotText: /^CONNECTED$/ }).waitFor({ timeout: RECONNECT_MS });
        await page.locator("#banner", { hasText: "reconnecting…" }).waitFor({ timeout: RECONNECT_MS });
    }
    await fitsTheScreen(cy, 360);

    step("ann types while the server is gone: the client spools it");
    await ann.fill("#message-input", "sent while the server was down");
    await ann.click("#send");
    const spooled = await ann.evaluate(() => window.spooledFrames.map((frame) => frame.method));
    if (!spooled.includes("say")) {
        throw new Error("expected the message in the spool, found the calls " + JSON.stringify(spooled));
    }

    step("the WAR comes back: ann and bob reconnect, re-join and get the spooled message; cy is held off meanwhile");
    gate.open = false;
    console.log("READY deploy");
    await heard("up");
    for (const page of [ann, bob]) {
        await page.locator("#status").filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout: RECONNECT_MS });
        await page.locator("#banner").waitFor({ state: "hidden" });
        await said(page, "ann", "sent while the server was down").waitFor({ timeout: RECONNECT_MS });
        const log = await page.evaluate(() => window.statusLog);
        if (!log.includes("CONNECTING") || log[log.length - 1] !== "CONNECTED") {
            throw new Error("expected CONNECTING then CONNECTED, got " + log.join(" → "));
        }
        // after its re-join each page says what came back: "N messages recovered", or "back", and whether some may be missing
        await page.locator("#messages li.recovered").last().waitFor();
        expect(await count(page, "sent while the server was down") === 1, "the spooled message shows other than once");
    }
    await present(ann, "bob");
    await present(bob, "ann");
    for (const [nick, page] of [["ann", ann], ["bob", bob]]) {
        console.log("[observed] " + nick + " after the re-join: " + (await page.locator("#messages li.recovered .text").last().textContent()));
    }

    step("cy comes back after the message went out: her re-join recovers it, once — '1 message recovered'");
    expect(await cy.locator("#banner", { hasText: "reconnecting…" }).isVisible(), "cy's page does not say it is reconnecting");
    gate.open = true;
    await cy.locator("#status").filter({ hasText: /^CONNECTED$/ }).waitFor({ timeout: RECONNECT_MS });
    const recovered = cy.locator("#messages li.recovered", { hasText: "1 message recovered" });
    await recovered.waitFor({ timeout: RECONNECT_MS });
    await cy.locator("#banner").waitFor({ state: "hidden" });
    expect(await count(cy, "sent while the server was down") === 1, "cy shows the recovered message other than once");
    console.log("[observed] cy after the re-join (" + gate.refused + " reconnects held off): " + (await recovered.locator(".text").textContent())
        + (await recovered.getAttribute("title") ? " (" + (await recovered.getAttribute("title")) + ")" : ""));
    await present(cy, "ann", "attached");

    step("they go on chatting");
    await sayAndSee(bob, "bob", "still here after the redeploy", [ann, bob, cy]);
    await sayAndSee(ann, "ann", "me too", [ann, bob, cy]);
    await sayAndSee(cy, "cy", "and me, on the phone", [ann, bob, cy]);
    const rooms = await ann.evaluate(() => window.switchboardClient.rooms());
    if (JSON.stringify(rooms) !== JSON.stringify(["lobby"])) {
        throw new Error("expected to be back in [lobby], got " + JSON.stringify(rooms));
    }
    await fitsTheScreen(cy, 360);
    expect(dialogs.length === 0, "a page opened a dialog: " + dialogs.join("; "));
    console.log("PASS");
} catch (e) {
    failed = true;
    console.log("FAIL " + (e && e.stack ? e.stack : e));
} finally {
    const shots = [["chat-desktop", ann], ["chat-phone", cy]];
    if (failed) {
        shots.push(...pages);
    }
    await screenshots(shots);
    await browser.close();
    stdin.close();
}
process.exit(failed ? 1 : 0);
