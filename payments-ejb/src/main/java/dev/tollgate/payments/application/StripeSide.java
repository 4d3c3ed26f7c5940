package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What Stripe says about a customer right now, for the admin console: asked outside any transaction (no row is
 * held across the network), and a Stripe that fails becomes a sentence for the page, never an exception.
 */
@ApplicationScoped
public class StripeSide {

    private static final Logger LOG = Logger.getLogger(StripeSide.class.getName());

    @Inject
    StripeGateway stripe;

    /** The customer's subscriptions as Stripe lists them now, or why Stripe could not say. */
    public Listing subscriptionsOf(String customerId) {
        try {
            return new Listing(Optional.of(stripe.subscriptionsOf(customerId)), Optional.empty());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            LOG.warning(() -> "Stripe could not list the subscriptions of " + customerId + " for the console: "
                    + failed.getMessage());
            String why = failed instanceof StripeUnavailableException
                    ? "Stripe did not answer (down, slow or rate limited); try again in a minute."
                    : failed instanceof StripeObjectMissingException
                    ? "Stripe knows no customer " + customerId + " (deleted, or of another account or mode)."
                    : "Stripe refused the request: " + failed.getMessage();
            return new Listing(Optional.empty(), Optional.of(why));
        }
    }

    /** Stripe's subscriptions of a customer, or the reason they could not be read. */
    public record Listing(Optional<List<Subscription>> subscriptions, Optional<String> failure) {
    }
}
