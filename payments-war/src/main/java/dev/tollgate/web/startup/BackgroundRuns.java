package dev.tollgate.web.startup;

import dev.tollgate.payments.domain.model.ReconcileJob;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Threads for the work an admin starts and then watches (a reconcile run): where the server binds a
 * {@code ManagedExecutorService} (Payara, WildFly) that one, whose tasks run with this WAR's naming, class loader
 * and security context and end with the deployment; on Tomcat, which has none, a pool of this WAR's own, one
 * daemon thread per reconcile job at most (the job's lease lets no second run of it start), shut down with the WAR.
 * The same split as {@link RepeatingTask}, for the same reasons; a plain object, not a CDI bean.
 */
final class BackgroundRuns {

    private static final String SERVER_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private final ExecutorService executor;
    private final boolean own;

    private BackgroundRuns(ExecutorService executor, boolean own) {
        this.executor = executor;
        this.own = own;
    }

    /** Looked up on the deploying thread, where {@code java:comp} is this WAR's. */
    static BackgroundRuns start(String threadName) {
        Optional<ExecutorService> server = serverExecutor();
        if (server.isPresent()) {
            return new BackgroundRuns(server.get(), false);
        }
        ClassLoader warLoader = Thread.currentThread().getContextClassLoader();
        return new BackgroundRuns(Executors.newFixedThreadPool(ReconcileJob.values().length, runnable -> {
            // created on a request's thread: given this WAR's class loader, as the schedule's thread inherits it
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            thread.setContextClassLoader(warLoader);
            return thread;
        }), true);
    }

    ExecutorService executor() {
        return executor;
    }

    /** Interrupts a run under way (it saves its progress, and the next start resumes it) and waits a little. */
    void stop() {
        if (!own) {
            return; // the server ends its executor's tasks with the deployment
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<ExecutorService> serverExecutor() {
        try {
            return Optional.of((ExecutorService) new InitialContext().lookup(SERVER_EXECUTOR));
        } catch (NamingException | ClassCastException none) {
            return Optional.empty(); // Tomcat: no such binding, or no naming at all
        }
    }
}
