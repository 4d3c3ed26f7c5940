package dev.tollgate.payments.application;

import dev.tollgate.payments.application.CustomerReports.PolicyInputs;
import dev.tollgate.payments.domain.model.AccessEffect;
import dev.tollgate.payments.domain.model.AccessEffects;
import dev.tollgate.payments.domain.model.AccessPolicy;
import dev.tollgate.payments.domain.model.Dispute;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Disputes for the admin console: Stripe's newest 100, each with the user its customer pays for and what the dispute
 * does to that user's access under the policy. Stripe is asked outside any transaction; a Stripe that fails
 * becomes a sentence for the page.
 */
@ApplicationScoped
public class DisputeReports {

    private static final Logger LOG = Logger.getLogger(DisputeReports.class.getName());

    @Inject
    StripeGateway stripe;

    @Inject
    CustomerReports customers;

    @Inject
    AccessPolicy policy;

    @Inject
    Clock clock;

    /** Stripe's newest disputes with their users and access effects, or why Stripe could not list them. */
    public Listing newest() {
        StripePage<Dispute> page;
        try {
            page = stripe.disputes(Optional.empty());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            LOG.warning(() -> "Stripe could not list disputes for the console: " + failed.getMessage());
            return new Listing(List.of(), false, Optional.of(failed instanceof StripeUnavailableException
                    ? "Stripe did not answer (down, slow or rate limited); try again in a minute."
                    : "Stripe refused to list disputes: " + failed.getMessage()));
        }
        Instant now = clock.instant();
        AccessEffects effects = new AccessEffects(policy);
        Map<String, Optional<PolicyInputs>> byCustomer = new HashMap<>();
        List<Line> lines = page.items().stream().map(dispute -> {
            Optional<PolicyInputs> inputs = dispute.customerId() == null ? Optional.empty()
                    : byCustomer.computeIfAbsent(dispute.customerId(), customers::policyInputsOfCustomer);
            return inputs.map(found -> new Line(dispute, found.account().userId(), effects.ofDispute(
                            found.subscriptions(), found.reversals(), found.paymentsSeen(), dispute, now)))
                    .orElseGet(() -> new Line(dispute, null, new AccessEffect(AccessEffect.Change.NONE_TO_LOSE,
                            "No user of this service pays through this charge's customer: no access to change.")));
        }).toList();
        return new Listing(lines, page.nextCursor().isPresent(), Optional.empty());
    }

    /** One dispute, the user it concerns (null when none of ours) and its access effect. */
    public record Line(Dispute dispute, String userId, AccessEffect effect) {
    }

    /**
     * @param more whether Stripe has older disputes than these
     */
    public record Listing(List<Line> disputes, boolean more, Optional<String> failure) {
    }
}
