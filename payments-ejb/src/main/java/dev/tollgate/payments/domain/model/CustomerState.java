package dev.tollgate.payments.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * What a user's access is decided from, as stored: the linked customer's subscription records and its refunds and
 * disputes (none without a customer), and the user's entitlement row (absent before the first decision).
 */
public record CustomerState(List<SubscriptionRecord> subscriptions, List<ReversalRecord> reversals,
                            Optional<Entitlement> entitlement) {
}
