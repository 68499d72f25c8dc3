package dev.switchboard.testkit;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, deployed as it is: the ITs test the artifact users get. */
public final class Deployments {

    private Deployments() {
    }

    /** {@code target/switchboard.war}, context root {@code switchboard}. */
    public static WebArchive switchboard() {
        String path = System.getProperty("switchboard.war", "target/switchboard.war");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war.getAbsolutePath() + ": run the ITs with 'mvn verify'");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * {@code examples/chat-app}'s WAR, context root {@code chat-app}: an application with switchboard-server in
     * its {@code WEB-INF/lib}, built against the installed artifacts before the ITs (the invoker, see the pom).
     */
    public static WebArchive application() {
        File war = new File(System.getProperty("example.war", "target/examples/chat-app/target/chat-app.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No example WAR at " + war.getAbsolutePath() + ": run the ITs with 'mvn verify'");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * {@code examples/helpdesk}'s WAR, context root {@code helpdesk}: an application on Switchboard's server API, built
     * against the installed artifacts before the ITs like {@link #application()}.
     */
    public static WebArchive helpdesk() {
        File war = new File(System.getProperty("helpdesk.war", "target/examples/helpdesk/target/helpdesk.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No helpdesk WAR at " + war.getAbsolutePath() + ": run the ITs with 'mvn verify'");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** {@code examples/helpdesk-agent}'s runnable jar as the invoker built it (its dependencies in {@code lib/} beside it). */
    public static File helpdeskAgentJar() {
        File jar = new File(System.getProperty("helpdesk.agentJar", "target/examples/helpdesk-agent/target/helpdesk-agent.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("No helpdesk agent jar at " + jar.getAbsolutePath() + ": run the ITs with 'mvn verify'");
        }
        return jar;
    }

    /** {@code switchboard-client}'s jar as the build made it, for a deployment that uses the Java client inside the server. */
    public static File clientJar() {
        File jar = new File(System.getProperty("switchboard.clientJar", "target/it-libs/switchboard-client.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("No client jar at " + jar.getAbsolutePath() + ": run the ITs with 'mvn verify'");
        }
        return jar;
    }

    /** The WebSocket endpoint of a deployment whose base URL Arquillian gave. */
    public static URI socket(URL base) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/switchboard/socket");
    }
}
