package dev.switchboard.it;

import static dev.switchboard.testkit.TestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.OnManagedDeployment;
import dev.switchboard.testkit.ServerTools;
import dev.switchboard.testkit.TestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.junit.jupiter.api.Test;

/**
 * Settings read at deployment change what the extension points do, on a live server: only configured
 * rooms exist, the {@code file} verb serves a configured directory (and not a link out of it), and
 * {@code X-Forwarded-For} counts from a trusted proxy; a misspelt method in {@code switchboard.auth.required}
 * fails the deployment.
 */
class SettingsIT extends OnManagedDeployment {

    @Test
    void configuredRoomsAPublicDirectoryAndATrustedProxy() throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "it-public-" + ServerTools.server()).toAbsolutePath());
        Files.writeString(directory.resolve("from-directory.txt"), "served from the directory", StandardCharsets.UTF_8);
        Path outside = Files.writeString(directory.resolveSibling("outside-" + ServerTools.server() + ".txt"), "outside");
        Files.deleteIfExists(directory.resolve("escape.txt"));
        Files.createSymbolicLink(directory.resolve("escape.txt"), outside);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("switchboard.rooms.create", "configured");
        settings.put("switchboard.rooms.configured", "lobby");
        settings.put("switchboard.files.directory", directory.toString());
        settings.put("switchboard.trustedProxies", "127.0.0.1");
        settings.forEach(ServerTools::setSystemProperty);
        try {
            deployer.deploy(MANAGED);
            try (TestClient client = TestClient.connect(socket(), Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.9"))) {
                client.ok("roomAdd", params("room", "lobby"));
                JsonObject refused = client.call("roomAdd", params("room", "elsewhere"));
                assertEquals("NOT_FOUND", refused.getJsonObject("error").getString("code"));
                assertEquals("no room 'elsewhere': rooms are made by configuration here",
                        refused.getJsonObject("error").getString("message"));

                assertEquals("served from the directory", client.ok("file", params("file", "from-directory.txt")).getString("content"));
                assertEquals("NOT_FOUND", client.errorOf("file", params("file", "escape.txt")));
                // the WAR's public folder still serves what the directory does not have
                assertEquals("text/plain", client.ok("file", params("file", "hello.txt")).getString("mime").substring(0, 10));

                // the peer (127.0.0.1) is a trusted proxy: the client is the last address it forwarded
                assertEquals("203.0.113.9", client.ok("detailsView", JsonValue.EMPTY_JSON_OBJECT).getString("remoteAddress"));
            } finally {
                deployer.undeploy(MANAGED);
            }
        } finally {
            settings.keySet().forEach(ServerTools::removeSystemProperty);
        }
    }

    @Test
    void aMisspeltMethodInAuthRequiredFailsTheDeploymentNamingIt() {
        ServerTools.setSystemProperty("switchboard.auth.required", "roomadd"); // one name: jboss-cli splits values at commas
        try {
            DeploymentException refused = assertThrows(DeploymentException.class, () -> deployer.deploy(MANAGED));
            StringBuilder messages = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains("no method 'roomadd'"), messages.toString());
        } finally {
            ServerTools.removeSystemProperty("switchboard.auth.required");
        }
    }

    @Test
    void aSettingFromTheServersMicroProfileConfigTakesEffectAndIsLogged() {
        ServerTools.setConfigProperty("switchboard.rooms.maxPerConnection", "1");
        try {
            deployer.deploy(MANAGED);
            try (TestClient client = TestClient.connect(socket())) {
                client.ok("roomAdd", params("room", "first"));
                JsonObject refused = client.call("roomAdd", params("room", "second"));
                assertEquals("FORBIDDEN", refused.getJsonObject("error").getString("code"));
                assertEquals("a connection may be in at most 1 rooms", refused.getJsonObject("error").getString("message"));
            } finally {
                deployer.undeploy(MANAGED);
            }
            String log = ServerTools.log();
            assertTrue(log.contains("Switchboard settings (MicroProfile Config, system properties, environment)"), "the settings are logged");
            assertTrue(log.contains("switchboard.rooms.maxPerConnection = 1\n") || log.contains("switchboard.rooms.maxPerConnection = 1\r"),
                    "with the value from the config source");
            assertTrue(log.contains("switchboard.auth.tokenSecret = ****"), "the IT servers' token key, masked");
            assertFalse(log.contains(System.getProperty("switchboard.it.tokenSecret")), "never the key itself");
        } finally {
            ServerTools.removeConfigProperty("switchboard.rooms.maxPerConnection");
        }
    }
}
