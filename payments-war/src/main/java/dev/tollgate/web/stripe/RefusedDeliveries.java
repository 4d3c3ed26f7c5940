package dev.tollgate.web.stripe;

import dev.tollgate.payments.application.AccessDiagnosis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Webhook deliveries refused before anything could be logged — a bad or missing signature, an unreadable body —
 * counted in memory on this node since it started. Nothing of them can be stored (a forged request must not
 * write rows), yet "the event came and failed verification" is one of the four reasons a payer has no access,
 * so the admin console shows this count and the last reason.
 */
@ApplicationScoped
public class RefusedDeliveries {

    private final Clock clock = Clock.systemUTC();
    private long count;
    private Instant last;
    private String lastReason;

    synchronized void record(String reason) {
        count++;
        last = clock.instant();
        lastReason = reason;
    }

    public synchronized AccessDiagnosis.RefusedDeliveries snapshot() {
        return new AccessDiagnosis.RefusedDeliveries(count, Optional.ofNullable(last), Optional.ofNullable(lastReason));
    }
}
