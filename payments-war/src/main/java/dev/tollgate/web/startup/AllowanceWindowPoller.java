package dev.tollgate.web.startup;

import dev.tollgate.payments.application.AllowanceWindows;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Grants plan allowances whose window started inside a billing period ({@link AllowanceWindows}), every
 * {@link #EVERY}: a new window's allowance is in the ledger within about that long of its start, on every node's
 * gate after its staleness bound. Each change is published to this JVM's board like every other committed change.
 */
@ApplicationScoped
public class AllowanceWindowPoller {

    private static final Logger LOG = Logger.getLogger(AllowanceWindowPoller.class.getName());

    /** How often due windows are looked for: one indexed query when none is due. */
    static final Duration EVERY = Duration.ofSeconds(1);

    @Inject
    AllowanceWindows windows;

    @Inject
    EntitlementPublisher publisher;

    /** Whether the last look failed, so a database outage is logged once when it starts and once when it ends. */
    private volatile boolean failing;

    public void grantDue() {
        try {
            windows.grantDue(change -> publisher.publishCommitted(List.of(change)));
            if (failing) {
                failing = false;
                LOG.info("Tollgate allowance windows are granted again");
            }
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                LOG.warning(() -> "Tollgate allowance windows cannot be looked for (tried every "
                        + EVERY.toSeconds() + " s; logged again when they can): " + failed);
            }
        }
    }
}
