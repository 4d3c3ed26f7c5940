package dev.tollgate.web.startup;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs the renewal-check poll every {@link #EVERY}: where the server binds a
 * {@code ManagedScheduledExecutorService} (Payara, WildFly) on that one (the task runs with this WAR's naming,
 * class loader and security context, and the server stops it with the deployment); on Tomcat, which has none, on
 * a single daemon thread of this WAR's own, shut down when the WAR stops. Asking JNDI rather than which kind of
 * container this is keeps this WAR's web layer free of the core's infrastructure classes. A plain object, not a
 * CDI bean: on Tomcat Weld may be gone when the WAR's stop listener runs.
 */
final class RenewalCheckSchedule {

    /** How often open questions are looked for; the gate waits up to its PAYMENTS_RENEWAL_WAIT_MS for an answer. */
    static final Duration EVERY = Duration.ofMillis(200);

    private static final String SERVER_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private final ScheduledFuture<?> task;
    private final ScheduledExecutorService ownScheduler;

    private RenewalCheckSchedule(ScheduledFuture<?> task, ScheduledExecutorService ownScheduler) {
        this.task = task;
        this.ownScheduler = ownScheduler;
    }

    static RenewalCheckSchedule start(Runnable poll) {
        Optional<ScheduledExecutorService> server = serverScheduler();
        if (server.isPresent()) {
            return new RenewalCheckSchedule(every(server.get(), poll), null);
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(runnable -> {
            // Created on the deploying thread, so it inherits this WAR's class loader as its context class loader.
            Thread thread = new Thread(runnable, "tollgate-renewal-checks");
            thread.setDaemon(true);
            return thread;
        });
        return new RenewalCheckSchedule(every(own, poll), own);
    }

    /** Stops polling; a poll under way finishes (its question is answered) within a few seconds. */
    void stop() {
        task.cancel(false);
        if (ownScheduler != null) {
            ownScheduler.shutdown();
            try {
                ownScheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ScheduledFuture<?> every(ScheduledExecutorService scheduler, Runnable poll) {
        return scheduler.scheduleWithFixedDelay(poll, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's scheduler, looked up on the deploying thread (where {@code java:comp} is this WAR's). */
    private static Optional<ScheduledExecutorService> serverScheduler() {
        try {
            return Optional.of((ScheduledExecutorService) new InitialContext().lookup(SERVER_SCHEDULER));
        } catch (NamingException | ClassCastException none) {
            return Optional.empty(); // Tomcat: no such binding, or no naming at all
        }
    }
}
