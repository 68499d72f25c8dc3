package dev.switchboard.testkit;

import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the ITs that deploy the WAR themselves — after setting system properties, or to undeploy and
 * deploy it again: {@code deployer.deploy(MANAGED)}. A small warm-up WAR is deployed by Arquillian first,
 * because the Payara adapter starts its domain only at a first deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class OnManagedDeployment {

    /** The name of the WAR the test deploys and undeploys itself. */
    protected static final String MANAGED = "managed";

    @Deployment(name = MANAGED, managed = false, testable = false)
    public static WebArchive deployment() {
        return Deployments.switchboard();
    }

    @Deployment(name = "warm-up", testable = false, order = 1)
    public static WebArchive warmUp() {
        return ShrinkWrap.create(WebArchive.class, "warm-up.war").addAsWebResource(new StringAsset("up"), "index.html");
    }

    @ArquillianResource
    protected Deployer deployer;

    /** The HTTP port of the server under test (Payara's is fixed; WildFly's has the ITs' offset). */
    protected static int port() {
        return ServerTools.server().equals("payara") ? 8080 : 8080 + Integer.getInteger("it.wildfly.port-offset", 100);
    }

    /** {@code ws://…/switchboard/socket} of the deployment. */
    protected static URI socket() {
        return URI.create("ws://127.0.0.1:" + port() + "/switchboard/socket");
    }
}
