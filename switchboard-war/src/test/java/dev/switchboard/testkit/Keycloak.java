package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real identity provider for the ITs: Keycloak's server distribution (unpacked by the build from Maven Central),
 * started in development mode on 127.0.0.1:{@value #PORT}, its database in memory (so each start imports the realm anew), with the realm {@code switchboard} imported from
 * {@code src/test/resources/keycloak/switchboard-realm.json} — clients {@code switchboard-it} (its tokens name the
 * audience {@code switchboard} and carry {@code groups}), {@code switchboard-short} (the same, valid 10 s),
 * {@code other-app} (no such audience); user {@code kate} in group {@code agents}. It runs on a Java 21+ of the
 * machine where there is one ({@link #jdk()}), else on the build's. Stopped by its PID.
 */
public final class Keycloak implements AutoCloseable {

    public static final int PORT = 8190;
    public static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/switchboard";
    public static final String PASSWORD = "Kate-pass-123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;

    private Keycloak(Process process) {
        this.process = process;
    }

    /**
     * The JDK to run it on: {@code keycloak.java.home} when set; else a Java 21 or later under /usr/lib/jvm (what
     * Keycloak 26's guide asks for); else the build's own (26.7.3 starts and serves on 17 too, docs/operations.md).
     */
    private static Path jdk() {
        String configured = System.getProperty("keycloak.java.home", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        try (var candidates = Files.list(Path.of("/usr/lib/jvm"))) {
            return candidates.filter(candidate -> featureVersion(candidate) >= 21 && Files.isExecutable(candidate.resolve("bin/java")))
                    .sorted().findFirst().orElse(Path.of(System.getProperty("java.home")));
        } catch (IOException e) {
            return Path.of(System.getProperty("java.home"));
        }
    }

    /** The feature version a JDK's {@code release} file names (JAVA_VERSION="25.0.3"), 0 when it names none. */
    private static int featureVersion(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION=\""))
                    .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0]).mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Starts Keycloak and waits (up to 4 minutes, polling) until the realm's discovery document answers. */
    public static Keycloak start() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/servers/keycloak"));
        Path jdk = jdk();
        assertTrue(Files.isExecutable(home.resolve("bin/kc.sh")), home + " has no Keycloak: run the ITs with 'mvn verify'");
        assertTrue(Files.isExecutable(jdk.resolve("bin/java")), jdk + " has no Java (-Dkeycloak.java.home=…)");
        try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/switchboard-realm.json")) {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, imports.resolve("switchboard-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm", "--db=dev-mem",
                    "--http-host=127.0.0.1", "--http-port=" + PORT, "--http-management-port=" + (PORT + 1)))
                    .redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", jdk.toString());
            builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m");
            Keycloak keycloak = new Keycloak(builder.start());
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (System.nanoTime() < deadline) {
                if (!keycloak.process.isAlive()) {
                    fail("Keycloak stopped at start:\n" + Files.readString(home.resolve("keycloak.log")));
                }
                if (keycloak.answers()) {
                    return keycloak;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos()); // a bounded poll of its port
            }
            keycloak.close();
            return fail("Keycloak did not answer within 4 minutes:\n" + Files.readString(home.resolve("keycloak.log")));
        } catch (IOException e) {
            throw new AssertionError("could not start Keycloak", e);
        }
    }

    private boolean answers() {
        try {
            // its keys too: the first token auth of the tests then finds a provider that answers within the
            // server's 3 s for its key set, however slowly a fresh Keycloak makes them
            return HTTP.send(HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                    && HTTP.send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/certs")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An access token of the user for the client, by the password grant. */
    public String token(String client, String user, String password) {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", client, "username", user, "password", password,
                "scope", "openid");
        String body = form.entrySet().stream().map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return fail("Keycloak refused the password grant: " + response.statusCode() + " " + response.body());
            }
            JsonObject answer = Json.createReader(new StringReader(response.body())).readObject();
            return answer.getString("access_token");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops Keycloak (its process and what it started) by PID. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
