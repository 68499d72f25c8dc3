package dev.switchboard.server;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * Tells clients that the application stops while their sessions are still open. The WebSocket
 * containers close every session themselves when the web application stops — Undertow from a
 * {@link ServletContextListener} of its own, registered before any of the WAR's — and listeners are told
 * of the end in the reverse order of their registration; so this listener is added by a
 * {@link ServletContainerInitializer}, after the container's, and runs before it. (CDI's
 * {@code @BeforeDestroyed(ApplicationScoped.class)} comes too late there: the sessions are gone.)
 */
public class ShutdownNotice implements ServletContainerInitializer {

    private static final Logger LOG = System.getLogger(ShutdownNotice.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                try {
                    CDI.current().select(Connections.class).get().shutdown(null);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not tell the clients that the application stops: {0}", e.toString());
                }
            }
        });
    }
}
