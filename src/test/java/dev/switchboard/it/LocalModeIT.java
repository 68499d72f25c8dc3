package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code switchboard.cluster=local} a node runs alone: room traffic is fanned out locally, and the
 * log says so once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LocalModeIT {

    private static final String LOCAL = "local-mode";
    private static final String LINE = "cluster bus switched off (switchboard.cluster=local)";

    @Deployment(name = LOCAL, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard();
    }

    /** Deployed first by Arquillian: the Payara adapter starts its domain only at a first deployment. */
    @Deployment(name = "warm-up", testable = false, order = 1)
    static WebArchive warmUp() {
        return ShrinkWrap.create(WebArchive.class, "warm-up.war").addAsWebResource(new StringAsset("up"), "index.html");
    }

    @ArquillianResource
    private Deployer deployer;

    private static int occurrences(String text, String line) {
        return text.split(java.util.regex.Pattern.quote(line), -1).length - 1;
    }

    @Test
    void switchedOffByConfigurationTheNodeFansOutLocallyAndSaysSoOnce() {
        int before = occurrences(ServerTools.log(), LINE);
        ServerTools.setSystemProperty("switchboard.cluster", "local");
        try {
            deployer.deploy(LOCAL);
            try {
                java.net.URI socket = java.net.URI.create(ServerTools.server().equals("payara")
                        ? "ws://127.0.0.1:8080/switchboard/socket"
                        : "ws://127.0.0.1:" + (8080 + Integer.getInteger("it.wildfly.port-offset", 100)) + "/switchboard/socket");
                try (TestClient alice = TestClient.connectAs(socket, "alice"); TestClient bob = TestClient.connectAs(socket, "bob")) {
                    Chatter.sayReachesBoth(alice, bob, "alone", "just us");
                }
                assertEquals(1, occurrences(ServerTools.log(), LINE) - before);
            } finally {
                deployer.undeploy(LOCAL);
            }
        } finally {
            ServerTools.removeSystemProperty("switchboard.cluster");
        }
    }
}
