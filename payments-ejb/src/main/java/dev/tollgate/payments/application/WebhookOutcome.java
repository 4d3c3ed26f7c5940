package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import java.util.List;

/**
 * What processing one event came to. {@code status} is what the webhook endpoint reports: processed, ignored,
 * unmatched or duplicate.
 */
public record WebhookOutcome(String status, List<EntitlementChanged> changes) {

    public static WebhookOutcome duplicate() {
        return new WebhookOutcome("duplicate", List.of());
    }

    public WebhookOutcome {
        changes = List.copyOf(changes);
    }
}
