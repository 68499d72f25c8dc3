package dev.switchboard.admin;

import dev.switchboard.metrics.Meters;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /switchboard/metrics}: the node's meters in Prometheus' text format. Served by the WAR, so
 * the same on WildFly and Payara (whose own metrics, where enabled, are elsewhere). Not behind a login,
 * like a server's own {@code /metrics}: counts only, for the operators' network (docs/operations.md).
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Meters meters;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(meters.scrape());
    }
}
