package dev.switchboard.server;

import dev.switchboard.config.HandoffSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that answer the calls which may wait, for connections whose frames arrive on the container's I/O threads
 * (docs/architecture.md, "Which thread answers a call"): each connection gets a {@link Lane} over them. Threads of the
 * container's {@code ManagedThreadFactory}, so they run with the application's context; made when first needed (never,
 * where the container runs every frame on a worker thread), and gone after a minute without work.
 */
@ApplicationScoped
public class Handoff {

    private static final long KEEP_ALIVE_SECONDS = 60;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    HandoffSettings settings;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        // the queue holds one turn per busy connection at most (a lane schedules one at a time), so it needs no bound
        pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    /** A lane for one connection. */
    Lane lane() {
        return new Lane(pool, settings.maxWaiting(), settings.maxWaitingChars());
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
