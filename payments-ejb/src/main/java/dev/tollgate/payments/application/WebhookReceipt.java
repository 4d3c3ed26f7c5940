package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.util.List;

/** What became of one webhook delivery, in the terms the endpoint answers Stripe in. */
public sealed interface WebhookReceipt {

    /**
     * Done, a duplicate, deliberately ignored, or failed for good and recorded: Stripe must not send it again.
     * {@code changes} committed and are to be published.
     */
    record Acknowledged(String status, List<EntitlementChanged> changes) implements WebhookReceipt {
        public Acknowledged {
            changes = List.copyOf(changes);
        }
    }

    /** Never acceptable (forged, stale, malformed, the other mode); {@code reason} is safe to send back. */
    record Refused(String reason) implements WebhookReceipt {
    }

    /** The event names a customer no user is linked to yet (the checkout's return may still come): retry later. */
    record NotYet() implements WebhookReceipt {
    }

    /** Processing failed and was rolled back and recorded: retry later. */
    record Failed() implements WebhookReceipt {
    }
}
