package dev.tollgate.web;

import dev.tollgate.gate.RenewalCheck;
import dev.tollgate.payments.application.EntitlementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The gate's last question before it refuses a user whose paid period has just lapsed: "did a renewal webhook go
 * missing?" Answered by re-reading the user from Stripe through the one sync path and publishing any change, so a
 * paying customer is never locked out by a lost webhook.
 */
@ApplicationScoped
public class StripeRenewalCheck implements RenewalCheck {

    @Inject
    EntitlementService entitlements;

    @Inject
    EntitlementPublisher publisher;

    @Override
    public void recheck(String userId) {
        entitlements.syncUser(userId).ifPresent(change -> publisher.publishCommitted(List.of(change)));
    }
}
