package dev.tollgate.payments.application;

import static dev.tollgate.payments.application.PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One small handler per Stripe event type, named after it. Each reads only identifiers from the event and hands
 * the customer to {@link CustomerSync}, which fetches the current state: safe to run twice and in any order.
 * Joins the caller's transaction.
 */
@ApplicationScoped
public class EventHandlers {

    @Inject
    AccountRepository accounts;

    @Inject
    CustomerSync customerSync;

    @Inject
    PaymentsConfig config;

    @Inject
    Clock clock;

    HandlerResult handle(StripeEvent event) {
        return switch (event.type()) {
            case "checkout.session.completed",
                 "checkout.session.async_payment_succeeded" -> handleCheckoutSessionCompleted(event);
            case "customer.subscription.created",
                 "customer.subscription.updated",
                 "customer.subscription.deleted",
                 "customer.subscription.paused",
                 "customer.subscription.resumed",
                 "invoice.paid",
                 "invoice.payment_succeeded",
                 "invoice.payment_failed" -> handleSubscriptionChange(event);
            default -> HandlerResult.ignored("event type not handled");
        };
    }

    /** Links the customer to the user named in client_reference_id, then syncs. */
    HandlerResult handleCheckoutSessionCompleted(StripeEvent event) {
        Optional<Account> byReference = event.clientReferenceId().flatMap(accounts::find);
        byReference.filter(account -> !account.hasCustomer())
                .ifPresent(account -> event.customerId().ifPresent(account::linkCustomer));
        return withAccount(event, byReference.or(() -> event.customerId().flatMap(accounts::findByCustomer)));
    }

    /** Subscription and invoice events: whatever changed, re-read the customer's subscriptions. */
    HandlerResult handleSubscriptionChange(StripeEvent event) {
        return withAccount(event, event.customerId().flatMap(accounts::findByCustomer));
    }

    private HandlerResult withAccount(StripeEvent event, Optional<Account> account) {
        if (account.isPresent()) {
            return HandlerResult.processed(customerSync.sync(account.get()));
        }
        Duration age = Duration.between(event.created(), clock.instant());
        if (age.compareTo(config.unmatchedAfter()) < 0) {
            // The webhook can beat our own commit of the customer link: let Stripe deliver it again.
            throw new PaymentsException(CUSTOMER_NOT_YET_KNOWN, "customer not linked to a user yet");
        }
        return HandlerResult.unmatched("customer " + event.customerId().orElse("(none)") + " matches no user");
    }
}
