package dev.tollgate.payments.application;

import static dev.tollgate.payments.application.PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN;

import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One small handler per Stripe event type, named after it, guard first. Each hands what the event says to
 * {@link CustomerSync}, which takes a state only when it is newer than what we hold: safe to run twice and in
 * any order.
 * Joins the caller's transaction.
 */
@ApplicationScoped
public class EventHandlers {

    private static final Logger LOG = Logger.getLogger(EventHandlers.class.getName());

    @Inject
    AccountRepository accounts;

    @Inject
    CustomerSync customerSync;

    @Inject
    StripeGateway stripe;

    @Inject
    PaymentsConfig config;

    @Inject
    Clock clock;

    HandlerResult handle(StripeEvent event) {
        return switch (event.type()) {
            case "checkout.session.completed",
                 "checkout.session.async_payment_succeeded" -> handleCheckoutSessionCompleted(event);
            case "checkout.session.async_payment_failed",
                 "checkout.session.expired" -> HandlerResult.ignored("nothing was paid, nothing is granted");
            case "customer.subscription.created",
                 "customer.subscription.updated",
                 "customer.subscription.deleted",
                 "customer.subscription.paused",
                 "customer.subscription.resumed",
                 "customer.subscription.trial_will_end" -> handleCustomerSubscriptionChanged(event);
            case "invoice.paid",
                 "invoice.payment_succeeded",
                 "invoice.payment_failed" -> handleInvoiceSettled(event);
            case "customer.deleted" -> handleCustomerDeleted(event);
            case "charge.refunded" -> handleChargeRefunded(event);
            case "entitlements.active_entitlement_summary.updated" -> handleActiveEntitlementSummaryUpdated(event);
            case "charge.dispute.created",
                 "charge.dispute.updated",
                 "charge.dispute.closed" -> handleChargeDispute(event);
            case "refund.created",
                 "refund.updated" -> HandlerResult.ignored("refunds are applied through charge.refunded");
            default -> HandlerResult.ignored("event type not handled");
        };
    }

    /** Links the customer to the user named in client_reference_id, then brings its subscription in. */
    HandlerResult handleCheckoutSessionCompleted(StripeEvent event) {
        Optional<Account> byReference = event.clientReferenceId().flatMap(accounts::find);
        Optional<Account> newlyLinked = byReference.filter(account -> !account.hasCustomer())
                .filter(account -> event.customerId().isPresent());
        newlyLinked.ifPresent(account -> account.linkCustomer(event.customerId().get()));
        Optional<Account> account = byReference.or(() -> event.customerId().flatMap(accounts::findByCustomer));
        Optional<CheckoutSession> session = event.checkoutSession();
        if (session.isPresent() && session.get().sellsCredits()) {
            return session.get().isPaid()
                    ? withAccount(event, account, found -> customerSync.grantCredits(found, session.get()))
                    : HandlerResult.ignored("payment not settled yet; async_payment_succeeded will follow");
        }
        if (event.subscriptionId().isEmpty()) {
            return account.isPresent() ? HandlerResult.ignored("nothing to fulfil in this session")
                    : unmatchedOrRetry(event);
        }
        if (newlyLinked.isPresent()) {
            // a customer Checkout created itself: nothing of it has been applied to this user yet
            return HandlerResult.processed(customerSync.sync(newlyLinked.get()));
        }
        return withAccount(event, account, found -> customerSync.refreshSubscription(found,
                event.subscriptionId().get(), event.created(), true));
    }

    /** The event carries the subscription: apply it when newer than our record, ask Stripe on a tie. */
    HandlerResult handleCustomerSubscriptionChanged(StripeEvent event) {
        return withAccount(event, event.customerId().flatMap(accounts::findByCustomer), account ->
                event.subscription().isPresent()
                        ? customerSync.applyEventState(account, event.subscription().get(), event.created())
                        : customerSync.refreshSubscription(account, event.objectId(), event.created(), false));
    }

    /**
     * An invoice of a subscription was paid or failed. The subscription's own change arrives as its own event;
     * this one only makes sure we are not behind it.
     */
    HandlerResult handleInvoiceSettled(StripeEvent event) {
        if (event.subscriptionId().isEmpty()) {
            return HandlerResult.ignored("invoice without a subscription");
        }
        if ("invoice.payment_failed".equals(event.type())) {
            // Not a revocation: Stripe retries, the subscription turns past_due and the grace period applies.
            LOG.warning(() -> "Renewal payment failed for customer " + event.customerId().orElse("?")
                    + " (subscription " + event.subscriptionId().get() + "); Stripe will retry");
        }
        return withAccount(event, event.customerId().flatMap(accounts::findByCustomer), account ->
                customerSync.refreshSubscription(account, event.subscriptionId().get(), event.created(), true));
    }

    /** Deleting a customer in Stripe ends its subscriptions; access goes with them. */
    HandlerResult handleCustomerDeleted(StripeEvent event) {
        return event.customerId().flatMap(accounts::findByCustomer)
                .map(account -> HandlerResult.processed(customerSync.customerDeleted(account, event.created())))
                .orElseGet(() -> HandlerResult.ignored("not a customer of this app"));
    }

    /** The customer's Stripe Entitlements changed; when they are in use, re-list them. */
    HandlerResult handleActiveEntitlementSummaryUpdated(StripeEvent event) {
        if (!config.stripeEntitlements()) {
            return HandlerResult.ignored("Stripe Entitlements are not in use (PAYMENTS_STRIPE_ENTITLEMENTS)");
        }
        return withAccount(event, event.customerId().flatMap(accounts::findByCustomer), customerSync::refreshStripeFeatures);
    }

    /** Money went back to the customer; a full refund of the current period revokes it under the default policy. */
    HandlerResult handleChargeRefunded(StripeEvent event) {
        if (event.reversal().isEmpty() || event.customerId().isEmpty()) {
            return HandlerResult.ignored("refund of a charge without a customer");
        }
        return withAccount(event, event.customerId().flatMap(accounts::findByCustomer), account ->
                customerSync.applyReversal(account, event.reversal().get(), event.created()));
    }

    /** A dispute names only its charge: ask Stripe whose charge it is, then record its state (lost revokes). */
    HandlerResult handleChargeDispute(StripeEvent event) {
        if (event.reversal().isEmpty()) {
            return HandlerResult.ignored("dispute without a charge");
        }
        Reversal dispute = event.reversal().get();
        Optional<String> customer = stripe.customerOfCharge(dispute.chargeId());
        if (customer.isEmpty()) {
            return HandlerResult.ignored("disputed charge has no customer");
        }
        return withAccount(event, accounts.findByCustomer(customer.get()), account ->
                customerSync.applyReversal(account, dispute.withCustomer(customer.get()), event.created()));
    }

    private HandlerResult withAccount(StripeEvent event, Optional<Account> account,
                                      Function<Account, Optional<EntitlementChanged>> apply) {
        return account.map(found -> HandlerResult.processed(apply.apply(found))).orElseGet(() -> unmatchedOrRetry(event));
    }

    private HandlerResult unmatchedOrRetry(StripeEvent event) {
        Duration age = Duration.between(event.created(), clock.instant());
        if (age.compareTo(config.unmatchedAfter()) < 0) {
            // The webhook can beat our own commit of the customer link: let Stripe deliver it again.
            throw new PaymentsException(CUSTOMER_NOT_YET_KNOWN, "customer not linked to a user yet");
        }
        return HandlerResult.unmatched("customer " + event.customerId().orElse("(none)") + " matches no user");
    }
}
