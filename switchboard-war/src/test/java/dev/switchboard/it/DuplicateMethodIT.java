package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Deployments;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second handler claiming a method name fails the deployment, not the first message. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DuplicateMethodIT {

    private static final String DUPLICATE = "duplicate-ping";

    @Deployment(name = DUPLICATE, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addClass(SecondPingHandler.class);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void theDeploymentIsRefusedNamingTheMethodAndBothHandlers() {
        DeploymentException refused = assertThrows(DeploymentException.class, () -> deployer.deploy(DUPLICATE));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        String all = messages.toString();
        assertTrue(all.contains("Method 'ping' is claimed by two handlers"), all);
        assertTrue(all.contains(SecondPingHandler.class.getName()), all);
    }
}
