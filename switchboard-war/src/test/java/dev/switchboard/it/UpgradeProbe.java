package dev.switchboard.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For {@code UpgradeRequestIT}: notes each request upgraded to a WebSocket at {@code /socket} (weakly: the note alone
 * keeps nothing), and {@code /upgrades} answers, after a garbage collection, how many of them something still holds:
 * {@code seen live}, and how many I/O threads Undertow runs ({@code default I/O-n}), each of which may keep the last
 * request it upgraded: {@code seen live ioThreads}.
 */
public final class UpgradeProbe {

    static final List<WeakReference<HttpServletRequest>> SEEN = new CopyOnWriteArrayList<>();

    private UpgradeProbe() {
    }

    @WebFilter("/socket")
    public static class Notes extends HttpFilter {

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                SEEN.add(new WeakReference<>(request));
            }
            chain.doFilter(request, response);
        }
    }

    @WebServlet("/upgrades")
    public static class Count extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            System.gc();
            long live = SEEN.stream().filter(seen -> seen.get() != null).count();
            response.setContentType("text/plain");
            long ioThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("default I/O-")).count();
            response.getWriter().print(SEEN.size() + " " + live + " " + ioThreads);
        }
    }
}
