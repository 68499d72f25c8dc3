// What the e2e scripts share: Debian's headless chromium launched as the machine's probe runs it, and where their
// screenshots go (switchboard-war/target/e2e/).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const SCREENSHOTS = "../../../target/e2e/"; // switchboard-war/target/, from src/test/e2e/

/** Chromium ($CHROMIUM, else Debian's): no sandbox as root, no calls home on a closed network. */
export function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    });
}

/** Saves a screenshot of each [name, page] as target/e2e/<name>.png; a page that is gone (or null) is passed over. */
export async function screenshots(shots, options = {}) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [name, page] of shots) {
        try {
            if (page) {
                await page.screenshot({ path: SCREENSHOTS + name + ".png", ...options });
                console.log("screenshot switchboard-war/target/e2e/" + name + ".png");
            }
        } catch (ignored) {
            // a page already closed
        }
    }
}
