package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;

/** What a browser test needs: Debian's chromium and the e2e scripts' {@code node_modules}; skipped with {@code -Dit.browser.skip}. */
public final class Browser {

    private Browser() {
    }

    /** The folder of the e2e scripts ({@code src/test/e2e}), once chromium and playwright-core are known to be there. */
    public static Path scripts() {
        assumeFalse(Boolean.getBoolean("it.browser.skip"), "-Dit.browser.skip");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), chromium + " is missing: install Debian's chromium (./test.sh does)");
        Path e2e = Path.of(System.getProperty("e2e.dir", "src/test/e2e"));
        assertTrue(Files.isDirectory(e2e.resolve("node_modules/playwright-core")),
                "src/test/e2e/node_modules is missing: the build's e2e-install step (npm ci) did not run");
        return e2e;
    }
}
