package dev.tollgate.web.startup;

import java.util.logging.Logger;

/**
 * Runs a task that repeats every fraction of a second and logs its failures once when they start and once when they
 * end: a database outage must be visible, not fill the log with a line per run.
 */
final class OutageLog {

    private final Logger log;
    private final String failingSentence;
    private final String recoveredSentence;
    /** Whether the last run failed. */
    private volatile boolean failing;

    /**
     * @param failingSentence   logged as a warning, followed by the failure, when runs start failing
     * @param recoveredSentence logged when a run succeeds again
     */
    OutageLog(Logger log, String failingSentence, String recoveredSentence) {
        this.log = log;
        this.failingSentence = failingSentence;
        this.recoveredSentence = recoveredSentence;
    }

    void run(Runnable work) {
        try {
            work.run();
            if (failing) {
                failing = false;
                log.info(recoveredSentence);
            }
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                log.warning(() -> failingSentence + ": " + failed);
            }
        }
    }
}
