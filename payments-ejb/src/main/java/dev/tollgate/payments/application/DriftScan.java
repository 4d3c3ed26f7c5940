package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Compares every customer's stored entitlement with what the policy decides from Stripe's state. Stripe is asked
 * for every subscription at once (status {@code all}, 100 per call), not customer by customer, so 1,000 customers
 * cost about ten calls; then the one-time purchases that may have been paid without anyone applying them are checked
 * against the credit ledger ({@link PurchaseScan}); then our accounts are walked in user order, 100 compared at once
 * in a transaction that only reads, and each one found different checked again and healed in a transaction of its
 * own ({@link DriftCheck}); the run's progress is saved after each batch, so an interrupted scan lists again and
 * carries on after the last user it finished.
 */
@ApplicationScoped
public class DriftScan {

    private static final int ACCOUNTS_PER_BATCH = 100;
    private static final Logger LOG = Logger.getLogger(DriftScan.class.getName());

    @Inject
    StripeGateway stripe;

    @Inject
    DriftCheck driftCheck;

    @Inject
    PurchaseScan purchaseScan;

    @Inject
    PlanCatalog catalog;

    @Inject
    ReconcileReports reports;

    @Inject
    Clock clock;

    void run(ReconcileRun run, JobLease lease, PoliteStripeCalls calls, Consumer<EntitlementChanged> publish) {
        long callsBefore = calls.callsMade();
        Instant fetchedAt = clock.instant();
        Map<String, List<Subscription>> byCustomer = listEverySubscription(lease);
        run.called(calls.callsMade() - callsBefore);
        lease.save(run);
        // done before the first customer: a resumed scan, whose progress names one, did this already; and only by a
        // shop that sells one-time purchases, the others need not pay a call per 100 of their Checkouts
        long unchecked = run.progress().isPresent() || !catalog.sellsOneTimePurchases() ? 0
                : purchaseScan.run(run, lease, calls, publish);
        String after = run.progress().orElse("");
        List<Account> batch;
        do {
            batch = reports.accountsWithCustomers(after, ACCOUNTS_PER_BATCH);
            Set<String> differing = differing(batch, byCustomer, fetchedAt);
            long found = 0;
            long healed = 0;
            long batchCallsBefore = calls.callsMade();
            for (Account account : batch) {
                lease.renewIfDue();
                after = account.userId();
                if (!differing.contains(account.userId())) {
                    continue;
                }
                DriftCheck.Finding finding;
                try {
                    finding = driftCheck.check(run.id(), account,
                            byCustomer.getOrDefault(account.stripeCustomerId(), List.of()), fetchedAt, !run.dryRun());
                } catch (RuntimeException failed) {
                    // one customer's trouble (a lock time-out, Stripe down for the reason) must not stop the scan
                    unchecked++;
                    LOG.warning(() -> "Drift scan could not check " + account.userId() + ": " + failed);
                    continue;
                }
                if (finding.drift().isPresent()) {
                    found++;
                    healed += finding.drift().get().isHealed() ? 1 : 0;
                }
                finding.change().ifPresent(publish);
            }
            run.progressed(batch.isEmpty() ? run.progress().orElse(null) : after,
                    calls.callsMade() - batchCallsBefore, batch.size(), found, healed);
            lease.save(run);
        } while (batch.size() == ACCOUNTS_PER_BATCH);
        if (unchecked > 0) {
            throw new IllegalStateException(unchecked + " customer(s) could not be checked; the log names them");
        }
    }

    /**
     * The users of the batch to check one by one ({@link DriftCheck#differing}); when the batch could not be read at
     * once, every one of them, so that each is still compared, in its own transaction.
     */
    private Set<String> differing(List<Account> batch, Map<String, List<Subscription>> byCustomer, Instant fetchedAt) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        try {
            return driftCheck.differing(batch, byCustomer, fetchedAt);
        } catch (RuntimeException failed) {
            LOG.warning(() -> "Drift scan could not compare " + batch.size() + " customers from "
                    + batch.get(0).userId() + " at once; checking each: " + failed);
            return batch.stream().map(Account::userId).collect(Collectors.toSet());
        }
    }

    private Map<String, List<Subscription>> listEverySubscription(JobLease lease) {
        Map<String, List<Subscription>> byCustomer = new HashMap<>();
        Optional<String> cursor = Optional.empty();
        StripePage<Subscription> page;
        do {
            page = stripe.allSubscriptions(cursor);
            page.items().forEach(state -> byCustomer.computeIfAbsent(state.customerId(), c -> new ArrayList<>())
                    .add(state));
            cursor = page.nextCursor();
            lease.renewIfDue();
        } while (page.hasMore());
        return byCustomer;
    }
}
