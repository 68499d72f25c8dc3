package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.verbs.Handles;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A second handler claiming a method name fails the deployment, not the first message. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DuplicateMethodIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive deployment() {
        return Deployments.switchboard().addClass(SecondPingHandler.class);
    }

    @Test
    void theDeploymentIsRefused() {
        // reaching this method means Arquillian saw the expected DeploymentException
        assertNotNull(SecondPingHandler.class.getAnnotation(Handles.class));
    }
}
