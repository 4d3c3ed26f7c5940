package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.service.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.StripeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Applies a verified Stripe event exactly once: the event is claimed in the same transaction as its effect, so
 * either both commit or neither does (ARCHITECTURE.md rule 1). Nearly every delivery is a first one, so nothing is
 * read before the claim: its insert either inserts, or finds a committed entry, inserts nothing and answers where
 * that entry stands, locked (one statement on PostgreSQL) — a final one makes this delivery a duplicate, a failed
 * one makes it the retry. Only a delivery that races a concurrent one of the same event meets the primary key;
 * that statement fails (on PostgreSQL, with the whole transaction), so the entry is read in a second transaction.
 * A subscription state that ties with our record rolls its transaction back too, for Stripe's answer
 * ({@link CustomerSync#settlingTiesOutsideTheLock}). An event with nothing to apply is claimed first, without a
 * transaction, in the one write that settles it ({@link WebhookTransaction#claimIfSettled}).
 */
@ApplicationScoped
public class WebhookProcessor {

    @Inject
    WebhookTransaction transaction;

    @Inject
    CustomerSync customerSync;

    /** @param source how the event reached us: its log entry keeps it when this is its first arrival */
    public WebhookOutcome process(StripeEvent event, EventSource source) {
        try {
            Optional<WebhookOutcome> settled = transaction.claimIfSettled(event, source);
            if (settled.isPresent()) {
                return settled.get();
            }
        } catch (EventAlreadyClaimedException claimedConcurrently) {
            // a concurrent delivery of the event committed its claim first: the claim below meets its entry
        }
        return customerSync.settlingTiesOutsideTheLock(askedOnTie -> {
            try {
                return transaction.claimAndApply(event, source, askedOnTie);
            } catch (EventAlreadyClaimedException claimedConcurrently) {
                return transaction.applyClaimed(event, source, askedOnTie);
            }
        });
    }
}
