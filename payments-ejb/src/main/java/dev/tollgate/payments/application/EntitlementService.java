package dev.tollgate.payments.application;

import static dev.tollgate.payments.application.PaymentsException.Reason.CHECKOUT_NOT_PAID;
import static dev.tollgate.payments.application.PaymentsException.Reason.NOT_YOUR_CHECKOUT;
import static dev.tollgate.payments.application.PaymentsException.Reason.PAYMENT_FAILED;
import static dev.tollgate.payments.application.PaymentsException.Reason.PAYMENT_PROCESSING;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.ChangeCause;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.model.Reversal;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Accounts and on-demand syncs. A real EJB with container-managed transactions on Payara and WildFly; on Tomcat
 * the same class is a CDI bean and {@code @Transactional} gives it the same boundaries.
 */
@Stateless
@Dependent
@Transactional
public class EntitlementService {

    private static final Logger LOG = Logger.getLogger(EntitlementService.class.getName());

    @Inject
    AccountRepository accounts;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    CustomerSync customerSync;

    @Inject
    CreditGrants creditGrants;

    @Inject
    PlanPurchases planPurchases;

    @Inject
    Clock clock;

    /** The user's account, created on first use; asks Stripe nothing. */
    public Account account(String userId) {
        return accounts.find(userId).orElseGet(() -> {
            Account fresh = new Account(userId, clock.instant());
            accounts.add(fresh);
            return fresh;
        });
    }

    /** The idempotency key to create the user's next Stripe customer with ({@link Account#customerCreationKey}). */
    public String customerCreationKey(String userId) {
        Account account = accounts.find(userId).orElseThrow(
                () -> new IllegalStateException("no account for " + userId + " to create a customer for"));
        return account.customerCreationKey(accounts.formerCustomers(userId).size());
    }

    /**
     * Links the Stripe customer created for the user ({@link #customerCreationKey}) to the account, under the
     * account's row lock; a concurrent checkout that linked it first leaves nothing to do. A customer Stripe has
     * deleted is never linked again: the account is returned without a customer.
     */
    public Account linkCustomer(String userId, String customerId) {
        Account account = accounts.find(userId).orElseThrow(
                () -> new IllegalStateException("no account for " + userId + " to link a customer to"));
        accounts.lock(account);
        Account current = accounts.find(userId).orElseThrow();
        if (current.hasCustomer()) {
            return current;
        }
        if (accounts.findFormerCustomer(customerId).isPresent()) {
            // Stripe replayed a key read before its customer was deleted; the next key is another one.
            LOG.warning(() -> "Stripe answered a checkout of " + userId + " with its deleted customer " + customerId
                    + "; not linked");
            return current;
        }
        current.linkCustomer(customerId);
        accounts.update(current);
        return current;
    }

    /**
     * Stripe says the user's customer was deleted before its {@code customer.deleted} reached us: the same as the
     * event ({@link CustomerSync#customerDeleted}), unless the account has let go of that customer already.
     */
    public Optional<EntitlementChanged> customerDeleted(String userId, String customerId) {
        return accounts.findByCustomerForUpdate(customerId).filter(account -> account.userId().equals(userId))
                .flatMap(account -> customerSync.customerDeleted(account, clock.instant()));
    }

    /**
     * The user is back from Checkout with the session Stripe reported at {@code fetchedAt}: it must be theirs and
     * paid (or have started a subscription whose first debit is processing, which Stripe makes active); then the subscription it created is taken (or the credits or the plan it sold once are added) at once,
     * without waiting for the webhook. A session that came without its subscription falls back to a sync of the customer.
     */
    public Optional<EntitlementChanged> applyPaidCheckout(String userId, CheckoutSession session, Instant fetchedAt) {
        Account account = accounts.find(userId)
                .orElseThrow(() -> new PaymentsException(NOT_YOUR_CHECKOUT, "This checkout session is not yours."));
        boolean theirs = userId.equals(session.clientReferenceId())
                && account.stripeCustomerId() != null && account.stripeCustomerId().equals(session.customerId());
        if (!theirs) {
            throw new PaymentsException(NOT_YOUR_CHECKOUT, "This checkout session is not yours.");
        }
        if (session.isProcessing()) {
            throw new PaymentsException(PAYMENT_PROCESSING, "Your payment is processing: your bank confirms it"
                    + " within a few days, and access starts as soon as it does. Nothing else to do now.");
        }
        Optional<String> failed = session.failedBecause();
        if (failed.isPresent()) {
            throw new PaymentsException(PAYMENT_FAILED, "Your payment failed: " + sentence(failed.get())
                    + " Nothing was charged and your access is unchanged; you can check out again with another"
                    + " payment method.");
        }
        if (!session.isPaid() && !session.startedSubscriptionAwaitingDebit()) {
            throw new PaymentsException(CHECKOUT_NOT_PAID,
                    "This checkout has not been paid: nothing was charged, and your access is unchanged.");
        }
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.RETURN, session.id()).open()) {
            if (session.sellsCredits()) {
                return creditGrants.grant(account, session);
            }
            if (session.sellsPlanOnce()) {
                return planPurchases.grant(account, session);
            }
            return session.subscription() != null
                    ? customerSync.applyFetched(account, session.subscription(), fetchedAt)
                    : customerSync.sync(account);
        }
    }

    /** Stripe's reason as one short sentence for the user: one line, at most 200 characters, ending in a full stop. */
    private static String sentence(String reason) {
        String line = reason.replaceAll("\\s+", " ").trim();
        line = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        return line.endsWith(".") ? line : line + ".";
    }

    /**
     * An admin grants the user {@code credits}, once per {@code key}; empty when the key was used before or the
     * user never came to the payments WAR (no account to lock).
     */
    public Optional<EntitlementChanged> grantCredits(String userId, long credits, String key) {
        return accounts.find(userId).flatMap(account -> creditGrants.grantByAdmin(account, credits, key));
    }

    /**
     * A refund the console made, read back from Stripe at {@code fetchedAt}: taken at once, as its
     * {@code charge.refunded} event would be ({@link CustomerSync#applyReversal}, under the account's row lock), so
     * that access changes without waiting for the event; the event, when it comes, is not newer and adds nothing.
     * Empty when nothing changed, or the charge is no longer the user's customer's (deleted meanwhile).
     */
    public Optional<EntitlementChanged> applyRefund(String userId, Reversal current, Instant fetchedAt) {
        try (ChangeCause.Scope cause = ChangeCause.of(ChangeCause.Source.REFUND, current.id()).open()) {
            return accounts.findByCustomerForUpdate(current.customerId())
                    .filter(account -> account.userId().equals(userId))
                    .flatMap(account -> customerSync.applyReversal(account, current, fetchedAt));
        }
    }

    /** The user's Stripe customer; empty when the user never checked out, or Stripe deleted it since. */
    public Optional<String> customerOf(String userId) {
        return accounts.find(userId).filter(Account::hasCustomer).map(Account::stripeCustomerId);
    }

    /**
     * The plan the user holds now, as stored ({@link #syncUser} first to ask Stripe), with the customer paying for
     * it; empty when the policy grants the user no plan at this moment.
     */
    public Optional<PlanHolder> heldPlan(String userId) {
        Instant now = clock.instant();
        return accounts.find(userId).filter(Account::hasCustomer).flatMap(account -> entitlements.find(userId)
                .filter(entitlement -> entitlement.plan() != null && entitlement.grantsAccessAt(now))
                .map(entitlement -> new PlanHolder(account.stripeCustomerId(), entitlement.plan())));
    }

    /** The user's committed entitlement version; 0 for a user who has none yet. */
    public long versionOf(String userId) {
        return entitlements.find(userId).map(Entitlement::version).orElse(0L);
    }

    /** Whether the user's access covers {@code plan} now and lasts until {@code until} or later. */
    public boolean holdsPlanUntilAtLeast(String userId, String plan, Instant until) {
        Instant now = clock.instant();
        return entitlements.find(userId).filter(entitlement -> entitlement.grantsAccessAt(now)
                && entitlement.coversPlan(plan) && !entitlement.accessUntil().isBefore(until)).isPresent();
    }

    /**
     * Whether any customer the user had — the one linked now, or one Stripe deleted — ever had a subscription we
     * know of: such a user has had their trial (a plan's trial is for new subscribers only).
     */
    public boolean hasSubscribed(String userId) {
        Stream<String> customers = Stream.concat(customerOf(userId).stream(),
                accounts.formerCustomers(userId).stream().map(FormerCustomer::customerId));
        return customers.anyMatch(customerId -> !subscriptions.ofCustomer(customerId).isEmpty());
    }

    /** A user's customer and the plan it pays for. */
    public record PlanHolder(String customerId, String plan) {
    }

    /** Re-reads the user's state from Stripe; empty when nothing changed or the user never checked out. */
    public Optional<EntitlementChanged> syncUser(String userId) {
        return accounts.find(userId).flatMap(customerSync::sync);
    }
}
