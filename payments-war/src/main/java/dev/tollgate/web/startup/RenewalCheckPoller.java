package dev.tollgate.web.startup;

import dev.tollgate.payments.application.RenewalChecks;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * One poll of the gate's renewal questions ({@code renewal_check}), run every {@link #EVERY}
 * by this WAR: the gated apps' filters ask through the database, so the question reaches this WAR whatever class
 * loader, container or node the gate runs in. Each answered change is published to this JVM's board and as the
 * CDI event, like every other committed change.
 */
@ApplicationScoped
public class RenewalCheckPoller {

    /** How often open questions are looked for; the gate waits up to its PAYMENTS_RENEWAL_WAIT_MS for an answer. */
    static final Duration EVERY = Duration.ofMillis(200);

    @Inject
    RenewalChecks renewalChecks;

    @Inject
    EntitlementPublisher publisher;

    private final OutageLog outages = new OutageLog(Logger.getLogger(RenewalCheckPoller.class.getName()),
            "Tollgate renewal checks cannot be answered (retried every " + EVERY.toMillis()
                    + " ms; logged again when they are)", "Tollgate renewal checks are answered again");

    public void pollOnce() {
        outages.run(() -> renewalChecks.answerOpen(change -> publisher.publishCommitted(List.of(change))));
    }
}
