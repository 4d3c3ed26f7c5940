package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.payments.domain.model.PlanCatalog;
import static dev.tollgate.payments.application.PaymentsException.Reason.UNKNOWN_PRICE;

import dev.tollgate.payments.domain.model.AccessTerm;
import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.CreditPack;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.Plan;
import dev.tollgate.payments.domain.model.Trial;
import dev.tollgate.payments.application.EntitlementService.PlanHolder;
import dev.tollgate.payments.domain.service.AccountAlreadyAddedException;
import dev.tollgate.payments.domain.service.StripeGateway;
import dev.tollgate.payments.domain.service.StripeGateway.CheckoutRequest;
import dev.tollgate.payments.domain.service.StripeGateway.Price;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Sends a user to Stripe Checkout and, when they come back, grants access at once instead of waiting for the
 * webhook. Both paths refuse anything outside the catalog and anyone else's session.
 *
 * <p>Deliberately not transactional: Stripe is asked between the database steps, so a slow or failing Stripe
 * (bounded by {@code PAYMENTS_STRIPE_TIMEOUT_MS} and its retries) holds no row lock meanwhile. Each database step is
 * a short transaction of {@link EntitlementService}; the one that asks Stripe inside is the re-read of a returning
 * customer's subscriptions ({@link CustomerSync#sync}, which asks before it takes the account's lock).
 */
@ApplicationScoped
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class.getName());

    @Inject
    PlanCatalog plans;

    @Inject
    CheckoutPages pages;

    @Inject
    StripeGateway stripe;

    @Inject
    PriceList prices;

    @Inject
    EntitlementService entitlementService;

    @Inject
    BillingPortal portal;

    @Inject
    CheckoutRecords records;

    @Inject
    Clock clock;

    /**
     * Opens a Checkout Session for a catalog price.
     *
     * @param priceRef  a price id or lookup key
     * @param committed told of an entitlement change committed on the way (see {@link #checkoutFor})
     * @return the URL of Stripe's hosted checkout page; for a user who holds a plan already and asks for a plan, the
     *         URL of the customer portal instead ({@link #portalForPlanHolder})
     */
    public String startCheckout(String userId, String priceRef, Consumer<EntitlementChanged> committed) {
        return startCheckout(userId, priceRef, pages, committed);
    }

    /**
     * {@link #startCheckout(String, String, Consumer)} with Stripe's pages sending the user back to {@code back}
     * rather than to the configured pages: its success URL (with Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder)
     * is the return page with what the WAR added (a signed hand-off of the user for an app that signs its users in
     * itself, the app page to land on), its cancel URL and portal return URL the app's own page.
     */
    public String startCheckout(String userId, String priceRef, CheckoutPages back,
                                Consumer<EntitlementChanged> committed) {
        if (priceRef == null || !plans.sells(priceRef)) {
            throw new PaymentsException(UNKNOWN_PRICE, "This price is not for sale here.");
        }
        Optional<Plan> plan = plans.planSoldBy(priceRef);
        Optional<AccessTerm> boughtOnce = plan.flatMap(plans::termOf);
        // Sent to the portal so that no second subscription is charged; a plan bought once starts none.
        if (plan.isPresent() && boughtOnce.isEmpty()) {
            Optional<String> portalForHolder = portalForPlanHolder(userId, priceRef, back, committed);
            if (portalForHolder.isPresent()) {
                return portalForHolder.get();
            }
        }
        if (boughtOnce.isPresent()) {
            refuseIfHeldAsLong(userId, plan.get(), boughtOnce.get());
        }
        Price price = priceOf(priceRef);
        if (plan.isPresent() && boughtOnce.isPresent() == price.recurring()) {
            LOG.warning(() -> "Price " + priceRef + " of plan " + plan.get().name() + " is "
                    + (price.recurring() ? "recurring, but the plan has a duration (bought once)"
                    : "one-time, but the plan has no duration (subscribed to)") + ": fix the catalog or the price");
            throw new PaymentsException(UNKNOWN_PRICE, "This price is not for sale here.");
        }
        long credits = plans.packSoldBy(priceRef).map(CreditPack::credits).orElse(0L);
        Trial trial = plan.flatMap(plans::trialOf).filter(offered -> !entitlementService.hasSubscribed(userId))
                .orElse(null);
        String planBoughtOnce = boughtOnce.isPresent() ? plan.get().name() : null;
        return checkoutFor(userId, customerId -> new CheckoutRequest(customerId, userId, price, credits, trial,
                planBoughtOnce, back.successUrl(), back.cancelUrl()), committed);
    }

    /**
     * A plan bought once is not sold again to a user whose access to it already lasts at least as long as the
     * purchase would give (Pro for life held, Pro for life or for a year asked): Stripe would charge a second time
     * for nothing, and no portal can undo a one-time payment. A user whose access ends sooner (a subscription's
     * period, a term running out) may buy it; the purchase is kept beside what they hold.
     */
    private void refuseIfHeldAsLong(String userId, Plan plan, AccessTerm term) {
        Instant now = clock.instant();
        Instant wouldEnd = term.endOfAccess(now);
        if (entitlementService.holdsPlanUntilAtLeast(userId, plan.name(), wouldEnd)) {
            LOG.info(() -> userId + " holds " + plan.name() + " until " + wouldEnd + " or later already: not sold"
                    + " again");
            throw new PaymentsException(PaymentsException.Reason.PLAN_ALREADY_HELD,
                    "You hold this plan already, for at least as long as buying it again would give.");
        }
    }

    /**
     * The Stripe price a catalog name stands for: from the prices the pricing pages keep ({@link PriceList}), so a
     * checkout that follows a pricing page asks Stripe one call fewer; asked of Stripe when they lack it (none fresh,
     * or a price Stripe did not list at the last read). A price Stripe does not know is not for sale.
     */
    private Price priceOf(String priceRef) {
        return prices.kept(priceRef).map(kept -> new Price(kept.id(), kept.lookupKey(), !kept.oneTime()))
                .or(() -> stripe.price(priceRef))
                .orElseThrow(() -> new PaymentsException(UNKNOWN_PRICE, "This price is not for sale here."));
    }

    /**
     * The customer portal, for a user who holds a plan already: one subscription per user, so a subscriber changes
     * plans in the portal, where Stripe switches the subscription instead of adding a second one that would be
     * charged too. The plan held is asked of Stripe first, through the one sync path, so that a subscription whose
     * events and return page have not reached us yet counts too: one Stripe call for a returning customer, none for
     * a user who never checked out. Empty when the user holds no plan (or its customer turns out deleted).
     */
    private Optional<String> portalForPlanHolder(String userId, String priceRef, CheckoutPages back,
                                                 Consumer<EntitlementChanged> committed) {
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.CHECKOUT, priceRef).open()) {
            entitlementService.syncUser(userId).ifPresent(committed);
        }
        Optional<PlanHolder> held = entitlementService.heldPlan(userId);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        String customerId = held.get().customerId();
        try {
            String url = portal.openFor(customerId, back.portalReturnUrl());
            LOG.info(() -> userId + " holds " + held.get().plan() + " already: sent to the customer portal, not to"
                    + " a second subscription (" + priceRef + ")");
            return Optional.of(url);
        } catch (StripeRejectedException refused) {
            applyDeletionOrThrow(userId, customerId, refused, committed);
            return Optional.empty();
        }
    }

    /**
     * The Checkout Session for the user's customer. When Stripe refuses it because the customer was deleted and its
     * {@code customer.deleted} has not reached us yet (late, or lost), the deletion is applied here as the event
     * would apply it — access ends, the account lets go of the customer — and the session is opened once more for a
     * new customer: the user is not held up by a webhook.
     */
    private String checkoutFor(String userId, Function<String, CheckoutRequest> request,
                               Consumer<EntitlementChanged> committed) {
        String customerId = accountWithCustomer(userId).stripeCustomerId();
        try {
            return openAndRecord(userId, request.apply(customerId));
        } catch (StripeRejectedException refused) {
            applyDeletionOrThrow(userId, customerId, refused, committed);
            return openAndRecord(userId, request.apply(accountWithCustomer(userId).stripeCustomerId()));
        }
    }

    /**
     * Opens the Checkout, records it ({@link CheckoutRecords}), so that the drift scan knows it. When the record
     * cannot be written the user is not sent on: a Checkout nobody pays is harmless, one paid but unknown to the scan
     * would be found only by its events.
     *
     * @return the URL of Stripe's hosted checkout page
     */
    private String openAndRecord(String userId, CheckoutRequest asked) {
        var opened = stripe.createCheckout(asked);
        records.opened(opened.id(), userId, asked);
        return opened.url();
    }

    /**
     * Stripe refused a call for the user's customer: when it is because Stripe deleted the customer and its
     * {@code customer.deleted} has not reached us yet, the deletion is applied as the event would apply it;
     * any other refusal is thrown.
     */
    private void applyDeletionOrThrow(String userId, String customerId, StripeRejectedException refused,
                                      Consumer<EntitlementChanged> committed) {
        if (!stripe.isDeleted(customerId)) {
            throw refused;
        }
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.CHECKOUT, customerId).open()) {
            entitlementService.customerDeleted(userId, customerId).ifPresent(committed);
        }
    }

    /**
     * The user is back from Checkout: make sure the session is theirs and paid, then apply what it sold. One
     * Stripe call: the session, with the subscription it created.
     *
     * @return the entitlement change, empty if the webhook already applied it, with the user's version after it
     */
    public ConfirmedReturn confirmReturn(String userId, String sessionId) {
        // What Stripe answers is at least as fresh as the moment it was asked: the "as of" of what it says.
        Instant asked = clock.instant();
        return entitlementService.applyPaidCheckout(userId, stripe.checkoutSession(sessionId), asked)
                .map(ConfirmedReturn::made)
                .orElseGet(() -> ConfirmedReturn.alreadyAt(entitlementService.versionOf(userId)));
    }

    /**
     * The user's account with its Stripe customer. The customer is created between two transactions with the
     * idempotency key of the account's next customer ({@link Account#customerCreationKey}):
     * a double click, a retry after a time-out or a concurrent checkout of the same user gets the same customer back
     * from Stripe, and the second link finds it already there. After Stripe deleted the user's customer the key is
     * a new one, so the user gets a new customer rather than the deleted one.
     */
    private Account accountWithCustomer(String userId) {
        Account account = account(userId);
        // A second round only when the first key was read just before the customer it made was deleted: Stripe
        // then answers with the deleted customer, which is not linked, and the key read now is a new one.
        for (int round = 0; round < 2 && !account.hasCustomer(); round++) {
            String key = entitlementService.customerCreationKey(userId);
            account = entitlementService.linkCustomer(userId, stripe.createCustomer(userId, key));
        }
        if (!account.hasCustomer()) {
            throw new IllegalStateException("no live Stripe customer for " + userId + " after two attempts");
        }
        return account;
    }

    private Account account(String userId) {
        try {
            return entitlementService.account(userId);
        } catch (AccountAlreadyAddedException concurrentFirstCheckout) {
            // Two first checkouts of one user both inserted the account; this one's insert failed on the key and
            // rolled back. The other's row is committed: it is the user's account. Any other failure is thrown.
            LOG.info(() -> "A concurrent first checkout of " + userId + " added the account; using it");
            return entitlementService.account(userId);
        }
    }
}
