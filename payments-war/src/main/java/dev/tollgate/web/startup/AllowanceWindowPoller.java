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
 * {@link #EVERY}, when the catalog has such a window ({@link #isNeeded}): a new window's allowance is in the ledger
 * within about that long of its start, on every node's gate after its staleness bound. Each change is published to
 * this JVM's board like every other committed change.
 */
@ApplicationScoped
public class AllowanceWindowPoller {

    /** How often due windows are looked for: one indexed query when none is due. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private final OutageLog outages = new OutageLog(Logger.getLogger(AllowanceWindowPoller.class.getName()),
            "Tollgate allowance windows cannot be looked for (tried every " + EVERY.toSeconds()
                    + " s; logged again when they can)", "Tollgate allowance windows are granted again");

    @Inject
    AllowanceWindows windows;

    @Inject
    EntitlementPublisher publisher;

    /** Whether the catalog has an allowance on a window of its own; without one no node need poll. */
    public boolean isNeeded() {
        return windows.canFallDue();
    }

    public void grantDue() {
        outages.run(() -> windows.grantDue(change -> publisher.publishCommitted(List.of(change))));
    }
}
