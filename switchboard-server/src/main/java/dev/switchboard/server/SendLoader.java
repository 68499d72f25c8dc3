package dev.switchboard.server;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The thread's context class loader while a connection's writer sends on Payara: the web application's, except that
 * it has no {@code ThreadContextProvider} services — there are none; it only says so at once.
 *
 * <p>Why: Tyrus 2.1.5 (Payara 6) restarts a session's idle timer on every send, also when no idle timeout is set
 * (eclipse-ee4j/tyrus#787), by scheduling a task on the container's {@code ManagedScheduledExecutorService}; Payara's
 * executor saves the thread's context for each task, and looks the {@code ThreadContextProvider} services up through
 * the thread's context class loader every time ({@code ContextSetupProviderImpl.saveContext}: a {@code ServiceLoader}
 * walk of the web application's class path, which finds nothing). That walk was most of Payara's CPU per frame sent
 * (docs/performance.md). The task it schedules does nothing without an idle timeout; with one, it closes the session
 * with this loader as its context class loader, which delegates everything else to the web application's.
 */
final class SendLoader extends ClassLoader {

    /** Where {@code ServiceLoader} looks for the providers of Jakarta Concurrency's thread context. */
    static final String PROVIDERS = "META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider";

    /** For the connections of this web application (the loader that loaded Switchboard). */
    static final SendLoader INSTANCE = new SendLoader(SendLoader.class.getClassLoader());

    SendLoader(ClassLoader application) {
        super(application);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return PROVIDERS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    /** Whether the session is Tyrus's (Payara), whose sends pay for the walk; Undertow's (WildFly) do not. */
    static boolean needed(Object session) {
        return session.getClass().getName().startsWith("org.glassfish.tyrus.");
    }
}
