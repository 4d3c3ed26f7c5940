package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Invoice;
import dev.tollgate.payments.domain.model.Payment;
import dev.tollgate.payments.domain.model.StripePage;
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

    /** The most invoices and payments of a customer the console shows; the rest are a link to Stripe away. */
    public static final int NEWEST = 10;

    /** The customer's subscriptions as Stripe lists them now, or why Stripe could not say. */
    public Listing subscriptionsOf(String customerId) {
        try {
            return new Listing(Optional.of(stripe.subscriptionsOf(customerId)), Optional.empty());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            return new Listing(Optional.empty(), Optional.of(why(failed, "subscriptions", customerId)));
        }
    }

    /** The customer's {@link #NEWEST} newest invoices (one call), or why Stripe could not say. */
    public Newest<Invoice> invoicesOf(String customerId) {
        try {
            StripePage<Invoice> page = stripe.invoicesOf(customerId, NEWEST);
            return new Newest<>(page.items(), page.hasMore(), Optional.empty());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            return new Newest<>(List.of(), false, Optional.of(why(failed, "invoices", customerId)));
        }
    }

    /**
     * The customer's {@link #NEWEST} newest charges, paid or not, or why Stripe could not say: the one call the
     * refunds page makes too ({@link StripeGateway#paymentsOf}).
     */
    public Newest<Payment> paymentsOf(String customerId) {
        try {
            List<Payment> listed = stripe.paymentsOf(customerId);
            return new Newest<>(listed.stream().limit(NEWEST).toList(), listed.size() > NEWEST, Optional.empty());
        } catch (StripeUnavailableException | StripeRejectedException failed) {
            return new Newest<>(List.of(), false, Optional.of(why(failed, "payments", customerId)));
        }
    }

    /** The sentence the console shows for a list Stripe could not give; logged once. */
    private static String why(RuntimeException failed, String what, String customerId) {
        LOG.warning(() -> "Stripe could not list the " + what + " of " + customerId + " for the console: "
                + failed.getMessage());
        return failed instanceof StripeUnavailableException
                ? "Stripe did not answer (down, slow or rate limited); try again in a minute."
                : failed instanceof StripeObjectMissingException
                ? "Stripe knows no customer " + customerId + " (deleted, or of another account or mode)."
                : "Stripe refused the request: " + failed.getMessage();
    }

    /** Stripe's subscriptions of a customer, or the reason they could not be read. */
    public record Listing(Optional<List<Subscription>> subscriptions, Optional<String> failure) {
    }

    /**
     * The newest of one of Stripe's lists of a customer, or the reason it could not be read.
     *
     * @param more whether Stripe holds older ones than these (shown in Stripe's Dashboard)
     */
    public record Newest<T>(List<T> items, boolean more, Optional<String> failure) {

        public Newest {
            items = List.copyOf(items);
        }

        /** Nothing to list: a user without a Stripe customer. */
        public static <T> Newest<T> none() {
            return new Newest<>(List.of(), false, Optional.empty());
        }
    }
}
