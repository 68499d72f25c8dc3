package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.testkit.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client inside a server: a servlet in the deployed WAR uses it, on the container's own
 * WebSocket client and its {@code ManagedScheduledExecutorService}, against Switchboard itself. The client
 * is in the deployment's {@code WEB-INF/lib} as its own jar, as an application would put it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientInsideServerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.switchboard().addAsLibraries(Deployments.clientJar()).addClass(ClientProbeServlet.class);
    }

    @ArquillianResource
    private URL base;

    @Test
    void aServletUsesTheClientOnTheManagedSchedulerAgainstTheDeployedSwitchboard() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "client-probe")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        JsonObject probe;
        try (InputStream body = response.body()) {
            probe = Json.createReader(new StringReader(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)))
                    .readObject();
        }
        assertFalse(probe.containsKey("failure"), probe.toString());
        assertEquals("from a bean", probe.getString("message"));
        // frames were written by a thread of the managed executor, not the client's own scheduler
        assertFalse(probe.getString("sentOn").startsWith("switchboard-client-"), probe.toString());
        assertNotEquals(probe.getString("requestThread"), probe.getString("sentOn"));
    }
}
