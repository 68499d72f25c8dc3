package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An open connection does not keep the HTTP request it was upgraded from (WildFly: Undertow would hold it, its headers,
 * servlet objects and security context, for the connection's life; docs/performance.md, "What an idle connection
 * holds"). Payara's Tyrus is left as it is, so the test runs on WildFly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UpgradeRequestIT {

    /**
     * Connections opened. Undertow's I/O threads each keep the last request they upgraded (4 of 40 here, one per I/O
     * thread of a 2-core machine, however many are opened); without the release every one is held. Above the I/O
     * threads of a machine with up to 19 cores.
     */
    private static final int CONNECTIONS = 40;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addClasses(UpgradeProbe.class, UpgradeProbe.Notes.class, UpgradeProbe.Count.class);
    }

    @ArquillianResource
    private URL base;

    /** What the probe answers after a collection: "upgrades noted, of them still held, Undertow's I/O threads". */
    private String upgrades() {
        return Http.get(Http.onNode(Deployments.socket(base), "upgrades"), null).body().trim();
    }

    @Test
    void anOpenConnectionDoesNotHoldTheRequestItWasUpgradedFrom() {
        assumeTrue("wildfly".equals(ServerTools.server()), "Payara's Tyrus keeps its upgrade request: not changed there");
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(TestClient.connect(Deployments.socket(base))); // each has its welcome: the session is open
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String[] counts = upgrades().split(" ");
                assertEquals(CONNECTIONS, Integer.parseInt(counts[0]), "upgrades noted");
                int held = Integer.parseInt(counts[1]);
                int ioThreads = Integer.parseInt(counts[2]);
                assertTrue(ioThreads > 0 && ioThreads < CONNECTIONS, ioThreads + " I/O threads");
                assertTrue(held <= ioThreads, held + " of them still held, with " + ioThreads + " I/O threads");
            });
            clients.forEach(TestClient::assertAlive); // and the connections go on without it
        } finally {
            clients.forEach(TestClient::close);
        }
    }
}
