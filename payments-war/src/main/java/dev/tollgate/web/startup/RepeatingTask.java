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
 * Runs a task of this WAR's again and again, a fixed delay after each run ends: where the server binds a
 * {@code ManagedScheduledExecutorService} (Payara, WildFly) on that one (the task runs with this WAR's naming,
 * class loader and security context, and the server stops it with the deployment); on Tomcat, which has none, on
 * a single daemon thread of this WAR's own, shut down when the WAR stops. Asking JNDI rather than which kind of
 * container this is keeps this WAR's web layer free of the core's infrastructure classes. A plain object, not a
 * CDI bean: on Tomcat Weld may be gone when the WAR's stop listener runs.
 */
final class RepeatingTask {

    private static final String SERVER_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private final ScheduledFuture<?> task;
    private final ScheduledExecutorService ownScheduler;

    private RepeatingTask(ScheduledFuture<?> task, ScheduledExecutorService ownScheduler) {
        this.task = task;
        this.ownScheduler = ownScheduler;
    }

    /**
     * @param threadName the name of the thread on Tomcat, where this WAR brings its own
     * @param every the pause after one run before the next
     */
    static RepeatingTask start(String threadName, Duration every, Runnable work) {
        Optional<ScheduledExecutorService> server = serverScheduler();
        if (server.isPresent()) {
            return new RepeatingTask(every(server.get(), work, every), null);
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(runnable -> {
            // Created on the deploying thread, so it inherits this WAR's class loader as its context class loader.
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        return new RepeatingTask(every(own, work, every), own);
    }

    /**
     * Stops repeating; a run under way ends within a few seconds.
     *
     * @param interruptRun whether to interrupt a run under way (a reconcile run then saves its progress and leaves
     *                     the rest to the next start) rather than let it finish (a renewal-check poll's question)
     */
    void stop(boolean interruptRun) {
        task.cancel(interruptRun);
        if (ownScheduler != null) {
            if (interruptRun) {
                ownScheduler.shutdownNow();
            } else {
                ownScheduler.shutdown();
            }
            try {
                ownScheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ScheduledFuture<?> every(ScheduledExecutorService scheduler, Runnable work, Duration every) {
        return scheduler.scheduleWithFixedDelay(work, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
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
