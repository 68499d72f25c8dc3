package dev.switchboard.testkit;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The common frame of an IT against the built WAR on one server: the deployment and its endpoint. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class OnOneServer {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.switchboard();
    }

    @ArquillianResource
    protected URL base;

    /** {@code ws://…/switchboard/socket} of the deployment. */
    protected URI socket() {
        return Deployments.socket(base);
    }
}
