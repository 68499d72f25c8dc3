package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Program;
import dev.switchboard.testkit.Browser;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestTokens;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code examples/helpdesk}'s page in a real browser: {@code src/test/e2e/helpdesk.e2e.mjs} drives two pages of
 * Debian's headless chromium through playwright-core — one signed in as a development guest, one with a token — and
 * opens and assigns tickets through the REST resource; the pages show them as they happen. This test deploys the WAR
 * with development guests allowed (a system property, set before the deployment reads its settings), passes the
 * script two tokens signed with the servers' key, and passes when the script exits with 0. Its screenshots stay in
 * {@code target/e2e}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HelpdeskBrowserIT {

    private static final String HELPDESK = "helpdesk";
    private static final String WARM_UP = "warm-up";

    @Deployment(name = HELPDESK, managed = false, testable = false)
    static WebArchive helpdesk() {
        return Deployments.helpdesk();
    }

    /** Deployed by Arquillian first: the Payara adapter starts its domain only at a first deployment. */
    @Deployment(name = WARM_UP, testable = false, order = 1)
    static WebArchive warmUp() {
        return ShrinkWrap.create(WebArchive.class, "warm-up.war").addAsWebResource(new StringAsset("up"), "index.html");
    }

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment(WARM_UP)
    private URL server;

    @Test
    void thePagesShowTicketsAsTheyAreOpenedAndAssigned() {
        Path e2e = Browser.scripts();
        ServerTools.setSystemProperty("switchboard.auth.guest", "true");
        try {
            deployer.deploy(HELPDESK);
            String base = "http://127.0.0.1:" + server.getPort() + "/helpdesk/";
            try (Program script = Program.start("e2e", List.of("node", "helpdesk.e2e.mjs", base), e2e,
                    Map.of("HELPDESK_BOB_TOKEN", TestTokens.issue("bob"), "HELPDESK_CAROL_TOKEN", TestTokens.issue("carol")))) {
                assertEquals(0, script.awaitExit(Duration.ofMinutes(4)), "the browser script failed:\n" + script.output());
                assertTrue(script.output().contains("\nPASS\n"), script.output());
            }
        } finally {
            try {
                deployer.undeploy(HELPDESK);
            } catch (RuntimeException e) {
                // not deployed (the deployment failed)
            }
            ServerTools.removeSystemProperty("switchboard.auth.guest");
        }
    }
}
