package dev.switchboard.admin;

import dev.switchboard.cluster.ClusterBus;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.server.NodeStatus;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Health for load balancers and orchestrators, in MicroProfile Health's JSON shape, served by the WAR
 * so that it is the same on both servers: {@code /switchboard/health/live} (the node works: its room
 * registry answers), {@code /switchboard/health/ready} (it should get clients: not draining, and its
 * cluster link is up — a JMS node whose consumers lost the broker is not ready), {@code /switchboard/health/started}
 * (its start-up has run: for an orchestrator's start-up probe, before which it does not ask the others), and
 * {@code /switchboard/health} (all). 200 when every check is {@code UP}, else 503.
 */
@WebServlet({"/health", "/health/live", "/health/ready", "/health/started"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    transient RoomRegistry registry;

    @Inject
    transient ClusterBus bus;

    @Inject
    transient NodeStatus status;

    /** One check's outcome. */
    record Check(String name, boolean up, JsonObject data) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        List<Check> checks = new ArrayList<>();
        boolean all = path.equals("/health");
        if (all || path.endsWith("/started")) {
            checks.add(started());
        }
        if (all || path.endsWith("/live")) {
            checks.add(live());
        }
        if (all || path.endsWith("/ready")) {
            checks.addAll(ready());
        }
        boolean up = checks.stream().allMatch(Check::up);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Check check : checks) {
            list.add(JSON.createObjectBuilder().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN")
                    .add("data", check.data()));
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", list)
                .build().toString());
    }

    private Check started() {
        java.time.Instant at = status.startedAt();
        return new Check("switchboard-started", at != null, at == null ? JSON.createObjectBuilder().build()
                : JSON.createObjectBuilder().add("startedAt", at.toString()).build());
    }

    private Check live() {
        try {
            return new Check("switchboard-rooms", true, JSON.createObjectBuilder().add("localRooms", registry.roomCount()).build());
        } catch (RuntimeException e) {
            return new Check("switchboard-rooms", false, JSON.createObjectBuilder().add("error", e.toString()).build());
        }
    }

    private List<Check> ready() {
        ClusterBus.Link link = bus.link();
        return List.of(
                new Check("switchboard-cluster", link.up(), JSON.createObjectBuilder().add("mode", link.mode())
                        .add("detail", link.detail()).build()),
                new Check("switchboard-accepting", !status.draining(), JSON.createObjectBuilder()
                        .add("draining", status.draining()).build()));
    }
}
