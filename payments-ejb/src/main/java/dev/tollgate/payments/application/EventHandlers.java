package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.SyncSettings;
import static dev.tollgate.payments.application.PaymentsException.Reason.CUSTOMER_NOT_YET_KNOWN;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
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
    private static final String CUSTOMER_DELETED = "the customer was deleted in Stripe; its events change nothing";

    @Inject
    AccountRepository accounts;

    @Inject
    CustomerSync customerSync;

    @Inject
    CreditGrants creditGrants;

    @Inject
    PlanPurchases planPurchases;

    @Inject
    StripeGateway stripe;

    @Inject
    SyncSettings settings;

    @Inject
    Clock clock;

    HandlerResult handle(StripeEvent event) {
        return handle(event, Optional.empty());
    }

    /**
     * @param askedOnTie Stripe's answer when an earlier run of this event met a tie and rolled back
     *                   ({@link CustomerSync#settlingTiesOutsideTheLock}): only a subscription's own state ties so
     */
    HandlerResult handle(StripeEvent event, Optional<StripeAnswer<Subscription>> askedOnTie) {
        if (askedOnTie.isPresent()) {
            return handleCustomerSubscriptionChanged(event, askedOnTie);
        }
        Function<StripeEvent, HandlerResult> handler = handlerOf(event.type());
        return handler == null ? HandlerResult.ignored(whyIgnored(event.type())) : handler.apply(event);
    }

    /**
     * The outcome of an event that has nothing to apply, known before it is claimed: a type we never act on (from
     * the type alone: no database, no Stripe), or an invoice our subscription record already reflects (one read,
     * as {@link #handleInvoiceSettled} makes; a concurrent writer can only make the record newer, so reading it
     * before the claim answers the same as after). Empty for an event that its handler must apply.
     */
    Optional<HandlerResult> settledBeforeClaim(StripeEvent event) {
        if (handlerOf(event.type()) == null) {
            return Optional.of(HandlerResult.ignored(whyIgnored(event.type())));
        }
        return isPaidInvoice(event) ? reflectedInvoice(event) : Optional.empty();
    }

    /** The handler of an event type; null for a type that is ignored whatever the event says. */
    private Function<StripeEvent, HandlerResult> handlerOf(String type) {
        BiFunction<EventHandlers, StripeEvent, HandlerResult> handler = HANDLERS.get(type);
        return handler == null ? null : event -> handler.apply(this, event);
    }

    /** The event types that have a handler: what an endpoint must send, and what a catch-up lists. */
    public static Set<String> handledTypes() {
        return HANDLERS.keySet();
    }

    private static final Map<String, BiFunction<EventHandlers, StripeEvent, HandlerResult>> HANDLERS = handlers();

    private static Map<String, BiFunction<EventHandlers, StripeEvent, HandlerResult>> handlers() {
        Map<String, BiFunction<EventHandlers, StripeEvent, HandlerResult>> byType = new TreeMap<>();
        for (String type : List.of("checkout.session.completed", "checkout.session.async_payment_succeeded")) {
            byType.put(type, EventHandlers::handleCheckoutSessionCompleted);
        }
        for (String type : List.of("customer.subscription.created", "customer.subscription.updated",
                "customer.subscription.deleted", "customer.subscription.paused", "customer.subscription.resumed",
                "customer.subscription.trial_will_end")) {
            byType.put(type, EventHandlers::handleCustomerSubscriptionChanged);
        }
        for (String type : List.of("invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed")) {
            byType.put(type, EventHandlers::handleInvoiceSettled);
        }
        byType.put("customer.deleted", EventHandlers::handleCustomerDeleted);
        byType.put("charge.refunded", EventHandlers::handleChargeRefunded);
        byType.put("entitlements.active_entitlement_summary.updated",
                EventHandlers::handleActiveEntitlementSummaryUpdated);
        for (String type : List.of("charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed")) {
            byType.put(type, EventHandlers::handleChargeDispute);
        }
        return Collections.unmodifiableMap(byType);
    }

    private static String whyIgnored(String type) {
        return switch (type) {
            case "checkout.session.async_payment_failed",
                 "checkout.session.expired" -> "nothing was paid, nothing is granted";
            case "refund.created",
                 "refund.updated" -> "refunds are applied through charge.refunded";
            default -> "event type not handled";
        };
    }

    /** Links the customer to the user named in client_reference_id, then brings its subscription in. */
    HandlerResult handleCheckoutSessionCompleted(StripeEvent event) {
        Optional<Account> byReference = event.clientReferenceId().flatMap(accounts::find);
        boolean notTheLinkedCustomer = byReference.isPresent() && event.customerId().isPresent()
                && !event.customerId().get().equals(byReference.get().stripeCustomerId());
        if (notTheLinkedCustomer && isFormerCustomer(event.customerId())) {
            // a late report of a customer Stripe has deleted since: linking it again would break the next checkout
            return HandlerResult.ignored(CUSTOMER_DELETED);
        }
        Optional<Account> newlyLinked = byReference.filter(account -> !account.hasCustomer())
                .filter(account -> event.customerId().isPresent());
        newlyLinked.ifPresent(account -> {
            account.linkCustomer(event.customerId().get());
            accounts.update(account);
        });
        Optional<Account> account = byReference.or(() -> event.customerId().flatMap(accounts::findByCustomer));
        Optional<CheckoutSession> session = event.checkoutSession();
        if (session.isPresent() && session.get().sellsCredits()) {
            return session.get().isPaid()
                    ? withAccount(event, account, found -> creditGrants.grant(found, session.get()))
                    : HandlerResult.ignored("payment not settled yet; async_payment_succeeded will follow");
        }
        if (session.isPresent() && session.get().sellsPlanOnce()) {
            return session.get().isPaid() ? grantPlanBoughtOnce(event, account, session.get())
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
        return refreshed(event, account, event.subscriptionId().get(), true);
    }

    /**
     * A plan bought once: the event names it, Stripe's session says when the payment was taken (its term starts
     * then), asked only while the purchase is not kept yet, so a duplicate delivery costs no Stripe call.
     */
    private HandlerResult grantPlanBoughtOnce(StripeEvent event, Optional<Account> account, CheckoutSession reported) {
        if (planPurchases.isKept(reported)) {
            return HandlerResult.processed(Optional.empty());
        }
        CheckoutSession current = stripe.checkoutSession(reported.id());
        return withAccount(event, account, found -> planPurchases.grant(found, current));
    }

    HandlerResult handleCustomerSubscriptionChanged(StripeEvent event) {
        return handleCustomerSubscriptionChanged(event, Optional.empty());
    }

    /**
     * The event carries the subscription: apply it when newer than our record, which is read under the account's
     * lock; a tie needs Stripe's answer, asked with no lock held (the transaction rolls back for it, and this runs
     * again with {@code askedOnTie}), so the user's spends and other writers never wait for Stripe.
     */
    private HandlerResult handleCustomerSubscriptionChanged(StripeEvent event,
                                                            Optional<StripeAnswer<Subscription>> askedOnTie) {
        if (event.subscription().isEmpty()) {
            return refreshed(event, accountOf(event), event.objectId(), false);
        }
        Subscription state = event.subscription().get();
        return withAccount(event, lockedAccountOf(event), account ->
                customerSync.applyEventState(account, state, event.created(), askedOnTie));
    }

    /**
     * An invoice of a subscription was paid or failed. The subscription's own change arrives as its own event;
     * this one only makes sure we are not behind it — usually we are not, and then it costs one read.
     */
    HandlerResult handleInvoiceSettled(StripeEvent event) {
        if (event.subscriptionId().isEmpty()) {
            return HandlerResult.ignored("invoice without a subscription");
        }
        String subscriptionId = event.subscriptionId().get();
        if ("invoice.payment_failed".equals(event.type())) {
            // Not a revocation: Stripe retries, the subscription turns past_due and the grace period applies (a first
            // debit the bank refused, with no invoice of it ever paid, has none: AccessPolicy#firstPaymentFailed).
            LOG.warning(() -> "Renewal payment failed for customer " + event.customerId().orElse("?")
                    + " (subscription " + subscriptionId + "); Stripe will retry");
        }
        Optional<HandlerResult> reflected = reflectedInvoice(event);
        if (reflected.isPresent()) {
            return reflected.get();
        }
        Optional<Account> account = accountOf(event);
        HandlerResult refreshed = refreshed(event, account, subscriptionId, true);
        if (!isPaidInvoice(event) || account.isEmpty()) {
            return refreshed;
        }
        // the first paid invoice the record hears of: remembered after the refresh, which made sure there is a record
        Optional<EntitlementChanged> paid = customerSync.invoicePaid(account.get(), subscriptionId, event.created());
        return paid.isPresent() ? HandlerResult.processed(paid) : refreshed;
    }

    /** An invoice with nothing to add, known from its subscription record; empty when it must be applied. */
    private Optional<HandlerResult> reflectedInvoice(StripeEvent event) {
        if (event.subscriptionId().isEmpty()) {
            return Optional.of(HandlerResult.ignored("invoice without a subscription"));
        }
        // our record holds a state from the invoice's second or later, and the entitlement was computed from it
        return customerSync.alreadyReflects(event.subscriptionId().get(), event.created(), isPaidInvoice(event))
                ? Optional.of(HandlerResult.processed(Optional.empty())) : Optional.empty();
    }

    private static boolean isPaidInvoice(StripeEvent event) {
        return "invoice.paid".equals(event.type()) || "invoice.payment_succeeded".equals(event.type());
    }

    /**
     * The event named a subscription without a state we can take: Stripe is asked for it before the account is
     * locked ({@link CustomerSync#askStripeToRefresh}), then the answer is applied under the lock.
     */
    private HandlerResult refreshed(StripeEvent event, Optional<Account> account, String subscriptionId,
                                    boolean sameSecondIsCovered) {
        if (account.isEmpty()) {
            return unmatchedOrRetry(event);
        }
        Optional<StripeAnswer<Subscription>> asked = customerSync.askStripeToRefresh(subscriptionId,
                event.created(), sameSecondIsCovered);
        return HandlerResult.processed(customerSync.refreshSubscription(account.get(), subscriptionId,
                event.created(), sameSecondIsCovered, asked));
    }

    /**
     * Deleting a customer in Stripe ends its subscriptions; access goes with them, and the account lets go of the
     * customer so that its next checkout creates a new one.
     */
    HandlerResult handleCustomerDeleted(StripeEvent event) {
        return lockedAccountOf(event)
                .map(account -> HandlerResult.processed(customerSync.customerDeleted(account, event.created())))
                .orElseGet(() -> HandlerResult.ignored(isFormerCustomer(event.customerId()) ? CUSTOMER_DELETED
                        : "not a customer of this app"));
    }

    /**
     * The customer's Stripe Entitlements changed; when they are in use, re-list them: Stripe is asked before the
     * account is locked, the listing taken under the lock unless a later-asked one is stored.
     */
    HandlerResult handleActiveEntitlementSummaryUpdated(StripeEvent event) {
        if (!settings.readsStripeEntitlements()) {
            return HandlerResult.ignored("Stripe Entitlements are not in use (PAYMENTS_STRIPE_ENTITLEMENTS)");
        }
        Optional<Account> account = accountOf(event);
        Optional<ListedFeatures> listed = account.map(customerSync::askStripeForFeatures);
        return withAccount(event, account, found -> customerSync.applyStripeFeatures(found, listed.orElseThrow()));
    }

    /** Money went back to the customer; a full refund of the current period revokes it under the default policy. */
    HandlerResult handleChargeRefunded(StripeEvent event) {
        if (event.reversal().isEmpty() || event.customerId().isEmpty()) {
            return HandlerResult.ignored("refund of a charge without a customer");
        }
        Reversal refund = event.reversal().get();
        Optional<StripeAnswer<Reversal>> tie = customerSync.askStripeOnReversalTie(refund, event.created());
        return withAccount(event, lockedAccountOf(event), account ->
                customerSync.applyReversal(account, refund, event.created(), tie));
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
        Reversal reported = dispute.withCustomer(customer.get());
        Optional<StripeAnswer<Reversal>> tie = customerSync.askStripeOnReversalTie(reported, event.created());
        Optional<Account> account = accounts.findByCustomerForUpdate(customer.get());
        if (account.isEmpty() && isFormerCustomer(customer)) {
            return HandlerResult.ignored(CUSTOMER_DELETED);
        }
        return withAccount(event, account, found ->
                customerSync.applyReversal(found, reported, event.created(), tie));
    }

    /**
     * The account of the event's customer, locked: every handler that finds it writes under that lock (see
     * {@link CustomerSync}), and finding and locking in one statement saves a round trip per event.
     */
    private Optional<Account> lockedAccountOf(StripeEvent event) {
        return event.customerId().flatMap(accounts::findByCustomerForUpdate);
    }

    /**
     * The account of the event's customer, not locked: for handlers that ask Stripe first, so that no lock is held
     * across the call; {@link CustomerSync} locks it before writing.
     */
    private Optional<Account> accountOf(StripeEvent event) {
        return event.customerId().flatMap(accounts::findByCustomer);
    }

    private HandlerResult withAccount(StripeEvent event, Optional<Account> account,
                                      Function<Account, Optional<EntitlementChanged>> apply) {
        return account.map(found -> HandlerResult.processed(apply.apply(found))).orElseGet(() -> unmatchedOrRetry(event));
    }

    private HandlerResult unmatchedOrRetry(StripeEvent event) {
        if (isFormerCustomer(event.customerId())) {
            // Stripe's events of a customer can arrive after its deletion (subscriptions end with their own
            // events): the customer is no longer linked, and nothing it reports may grant or re-link.
            return HandlerResult.ignored(CUSTOMER_DELETED);
        }
        Duration age = Duration.between(event.created(), clock.instant());
        if (age.compareTo(settings.unmatchedAfter()) < 0) {
            // The webhook can beat our own commit of the customer link: let Stripe deliver it again.
            throw new PaymentsException(CUSTOMER_NOT_YET_KNOWN, "customer not linked to a user yet");
        }
        return HandlerResult.unmatched("customer " + event.customerId().orElse("(none)") + " matches no user");
    }

    /** Whether Stripe deleted this customer after it paid for one of our users (asked only off the common path). */
    private boolean isFormerCustomer(Optional<String> customerId) {
        return customerId.flatMap(accounts::findFormerCustomer).isPresent();
    }
}
