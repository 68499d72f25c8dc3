package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Deployments;
import dev.switchboard.testkit.Http;
import dev.switchboard.testkit.TestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application's own WAR with switchboard-server in {@code WEB-INF/lib} ({@code examples/chat-app}, built
 * against the installed artifacts): Switchboard's endpoint, verbs, REST API, servlets and scripts come with the
 * jar's web fragment and beans, and they coexist with the application's action, room policy, Jakarta REST
 * {@code Application}, servlet and pages — on WildFly and on Payara.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationWarIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    private URL base;

    private URI socket() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/chat-app/socket");
    }

    private URI http(String path) {
        return URI.create(base.toString().replaceFirst("/?$", "/") + path);
    }

    @Test
    void theApplicationsActionAndPolicyRunInSwitchboardsEndpoint() {
        try (TestClient anonymous = TestClient.connect(socket()); TestClient ann = TestClient.connectAs(socket(), "ann")) {
            assertTrue(anonymous.welcome().containsKey("id"), "Switchboard's endpoint answers at the application's context root");
            assertEquals("FORBIDDEN", anonymous.errorOf("roomAdd", params("room", "staff-room")), "the application's policy");
            assertTrue(ann.ok("roomAdd", params("room", "staff-room")).getBoolean("joined"));

            JsonObject shout = ann.ok("action", Json.createObjectBuilder().add("action", "shout")
                    .add("params", Json.createObjectBuilder().add("text", "hello")).build());
            assertEquals("HELLO", shout.getString("text"), "the application's action");
            JsonObject echo = ann.ok("action", Json.createObjectBuilder().add("action", "echo")
                    .add("params", Json.createObjectBuilder().add("text", "hi")).build());
            assertEquals("hi", echo.getString("text"), "Switchboard's own action is still there");
        }
    }

    @Test
    void theApplicationsRestAndServletSitBesideSwitchboards() {
        HttpResponse<String> about = Http.get(http("rest/about"), null);
        assertEquals(200, about.statusCode(), about.body());
        assertEquals("chat-app", Json.createReader(new StringReader(about.body())).readObject().getString("application"));
        HttpResponse<String> status = Http.get(http("status"), null);
        assertEquals(200, status.statusCode());
        assertEquals("chat-app is up", status.body());

        assertEquals(401, Http.get(http("api/admin/rooms"), null).statusCode(), "Switchboard's admin API, still guarded");
        assertEquals(404, Http.get(http("rest/admin/rooms"), null).statusCode(), "and not under the application's REST path");
        assertEquals(200, Http.get(http("health/ready"), null).statusCode());
        assertTrue(Http.get(http("metrics"), null).body().contains("switchboard_"), "Switchboard's metrics servlet");
    }

    @Test
    void theBrowserClientIsServedFromTheJarAndTheApplicationsPagesWin() {
        HttpResponse<String> module = Http.get(http("switchboard.mjs"), null);
        assertEquals(200, module.statusCode());
        assertTrue(module.body().contains("export {") && module.body().contains("SwitchboardClient"),
                "the ES module (the bundle the build generated) from META-INF/resources");
        HttpResponse<String> classic = Http.get(http("switchboard.js"), null);
        assertTrue(classic.body().contains("var Switchboard ="), "the classic script the build generated");
        assertTrue(Http.get(http(""), null).body().contains("<h1>chat-app</h1>"), "the WAR's own index.html over the jar's demo");
    }
}
