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

    /** The WebSocket endpoint of a deployment whose base URL Arquillian gave. */
    public static URI socket(URL base) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/switchboard/socket");
    }
}
