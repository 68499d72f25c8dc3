package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.Chatter;
import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import org.junit.jupiter.api.Test;

/**
 * With {@code switchboard.cluster=local} a node runs alone: room traffic is fanned out locally, and the
 * log says so once.
 */
class LocalModeIT extends OnManagedDeployment {

    private static final String LINE = "cluster bus switched off (switchboard.cluster=local)";

    private static int occurrences(String text, String line) {
        return text.split(java.util.regex.Pattern.quote(line), -1).length - 1;
    }

    @Test
    void switchedOffByConfigurationTheNodeFansOutLocallyAndSaysSoOnce() {
        int before = occurrences(ServerTools.log(), LINE);
        ServerTools.setSystemProperty("switchboard.cluster", "local");
        try {
            deployer.deploy(MANAGED);
            try {
                try (TestClient alice = TestClient.connectAs(socket(), "alice"); TestClient bob = TestClient.connectAs(socket(), "bob")) {
                    Chatter.sayReachesBoth(alice, bob, "alone", "just us");
                }
                assertEquals(1, occurrences(ServerTools.log(), LINE) - before);
            } finally {
                deployer.undeploy(MANAGED);
            }
        } finally {
            ServerTools.removeSystemProperty("switchboard.cluster");
        }
    }
}
