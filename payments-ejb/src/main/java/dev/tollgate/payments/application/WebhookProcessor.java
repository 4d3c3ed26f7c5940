package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.StripeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies a verified Stripe event exactly once: the event is claimed in the same transaction as its effect, so
 * either both commit or neither does (ARCHITECTURE.md rule 1). Nearly every delivery is a first one, so nothing is
 * looked up before the claim: its insert either succeeds, or meets the key of an entry that already exists. Only
 * then is that entry read, in a second transaction — on PostgreSQL a failed statement ends the first one — and a
 * finished entry makes this delivery a duplicate, an earlier attempt that failed makes it the retry.
 */
@ApplicationScoped
public class WebhookProcessor {

    static final String SOURCE_WEBHOOK = "webhook";

    @Inject
    WebhookTransaction transaction;

    public WebhookOutcome process(StripeEvent event) {
        try {
            return transaction.claimAndApply(event);
        } catch (EventAlreadyClaimedException claimedBefore) {
            return transaction.applyClaimed(event);
        }
    }
}
