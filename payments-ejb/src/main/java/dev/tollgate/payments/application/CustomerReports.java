package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CreditEntry;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.Entitlement;
import dev.tollgate.payments.domain.model.EntitlementChange;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.FormerCustomer;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.ReversalRecord;
import dev.tollgate.payments.domain.model.PaymentsSeen;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.model.SubscriptionRecord;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.CreditLedger;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.EntitlementRepository;
import dev.tollgate.payments.domain.service.ReversalRepository;
import dev.tollgate.payments.domain.service.SubscriptionRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Customers as the admin console finds and shows them: everything we hold about one user. Reads only. */
@Stateless
@Dependent
@Transactional
public class CustomerReports {

    /** The most rows of each list on a customer's page. */
    public static final int LISTED = 50;
    /** The most entitlement changes on a customer's page. */
    public static final int HISTORY = 20;

    @Inject
    AccountRepository accounts;

    @Inject
    EntitlementRepository entitlements;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    ReversalRepository reversals;

    @Inject
    CreditLedger credits;

    @Inject
    DriftRepository drifts;

    @Inject
    WebhookEventRepository events;

    /** Accounts by part of the user id or email, or by their exact Stripe customer id. */
    public List<Account> search(String text) {
        return accounts.search(text.trim(), LISTED);
    }

    /** What we hold about the user; empty when the user never came to the payments WAR. */
    public Optional<CustomerFile> file(String userId) {
        return accounts.find(userId).map(account -> {
            String customer = account.stripeCustomerId();
            return new CustomerFile(account, entitlements.find(userId),
                    customer == null ? List.of() : subscriptions.ofCustomer(customer).stream()
                            .map(SubscriptionRecord::toSubscription).toList(),
                    customer == null ? List.of() : reversals.ofCustomer(customer),
                    credits.ofUser(userId, LISTED), credits.allOfUser(userId),
                    drifts.ofUser(userId, LISTED),
                    accounts.formerCustomers(userId),
                    customer == null ? List.of() : events.search(EventQuery.ofCustomer(customer, LISTED)),
                    entitlements.history(userId, HISTORY));
        });
    }

    /** What the access policy decides the user's access from; empty for an unknown user. */
    public Optional<PolicyInputs> policyInputs(String userId) {
        return accounts.find(userId).map(this::policyInputs);
    }

    /** {@link #policyInputs(String)} of the user a Stripe customer pays for; empty for a customer nobody links. */
    public Optional<PolicyInputs> policyInputsOfCustomer(String customerId) {
        return accounts.findByCustomer(customerId).map(this::policyInputs);
    }

    private PolicyInputs policyInputs(Account account) {
        String customer = account.stripeCustomerId();
        if (customer == null) {
            return new PolicyInputs(account, List.of(), List.of(), PaymentsSeen.nothing());
        }
        List<SubscriptionRecord> records = subscriptions.ofCustomer(customer);
        return new PolicyInputs(account, records.stream().map(SubscriptionRecord::toSubscription).toList(),
                reversals.ofCustomer(customer), PaymentsSeen.of(records));
    }

    /**
     * Our records of a user's subscriptions and of the refunds and disputes of its charges.
     *
     * @param paymentsSeen what the events told of each subscription's payments, by subscription id
     */
    public record PolicyInputs(Account account, List<Subscription> subscriptions, List<ReversalRecord> reversals,
                               Function<String, PaymentsSeen> paymentsSeen) {
    }

    /**
     * Everything stored about one user.
     *
     * @param subscriptions our records of the linked customer's subscriptions
     * @param credits the newest movements of the ledger
     * @param ledger every movement of the ledger, oldest first (where the balance came from)
     * @param events the newest events whose payload names the linked customer
     * @param history the entitlement's newest changes, newest first, each with its cause
     */
    public record CustomerFile(Account account, Optional<Entitlement> entitlement, List<Subscription> subscriptions,
                               List<ReversalRecord> reversals, List<CreditEntry> credits, List<CreditEntry> ledger,
                               List<Drift> drift,
                               List<FormerCustomer> formerCustomers, List<LoggedEvent> events,
                               List<EntitlementChange> history) {
    }
}
