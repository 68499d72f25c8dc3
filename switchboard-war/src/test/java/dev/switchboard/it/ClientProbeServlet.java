package dev.switchboard.it;

import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.security.TokenService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deployed inside the WAR by {@link ClientInsideServerIT}: application code on the server that uses the
 * Java client, through the container's WebSocket client and its managed scheduler, against the
 * Switchboard deployed beside it. Answers what it saw as JSON.
 */
@WebServlet("/client-probe")
public class ClientProbeServlet extends HttpServlet {

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private TokenService tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI socket = URI.create("ws://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/socket");
        CompletableFuture<JsonValue> said = new CompletableFuture<>();
        CompletableFuture<String> sentOn = new CompletableFuture<>();
        String result;
        try (SwitchboardClient client = SwitchboardClient.builder(List.of(socket)).scheduler(scheduler).build()) {
            client.on("say", said::complete);
            client.onSent(frame -> sentOn.complete(Thread.currentThread().getName()));
            client.boot();
            client.authToken(tokens.issue("probe", Set.of())).get(20, TimeUnit.SECONDS);
            client.roomAdd("inside").get(20, TimeUnit.SECONDS);
            client.say("inside", "from a bean").get(20, TimeUnit.SECONDS);
            result = Json.createObjectBuilder()
                    .add("message", said.get(20, TimeUnit.SECONDS).asJsonObject().getString("message"))
                    .add("sentOn", sentOn.get(20, TimeUnit.SECONDS))
                    .add("requestThread", Thread.currentThread().getName())
                    .add("container", client.getClass().getClassLoader() == null ? "" : jakarta.websocket.ContainerProvider
                            .getWebSocketContainer().getClass().getName())
                    .build().toString();
        } catch (ExecutionException | TimeoutException e) {
            result = Json.createObjectBuilder().add("failure", String.valueOf(e)).build().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Json.createObjectBuilder().add("failure", "interrupted").build().toString();
        }
        response.setContentType("application/json");
        response.getWriter().write(result);
    }
}
