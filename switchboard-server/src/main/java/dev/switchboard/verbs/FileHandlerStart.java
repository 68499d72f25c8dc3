package dev.switchboard.verbs;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Hands the WAR's {@code ServletContext} to the {@code file} verb when the WAR starts, on every server. */
@WebListener
public class FileHandlerStart implements ServletContextListener {

    @Inject
    FileHandler files;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        files.start(event.getServletContext());
    }
}
