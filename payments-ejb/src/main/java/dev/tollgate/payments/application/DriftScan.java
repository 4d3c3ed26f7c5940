package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
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
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Compares every customer's stored entitlement with what the policy decides from Stripe's state. Stripe is asked
 * for every subscription at once (status {@code all}, 100 per call), not customer by customer, so 1,000 customers
 * cost about ten calls; then the paid one-time Checkouts since the last scan are checked against the credit
 * ledger ({@link PurchaseCheck}); then our accounts are walked in user order, one customer per transaction
 * ({@link DriftCheck}), and the run's progress is saved after each batch, so an interrupted scan lists again and
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
    PurchaseCheck purchaseCheck;

    @Inject
    ReconcileSettings settings;

    @Inject
    PlanCatalog catalog;

    @Inject
    ReconcileBookkeeping books;

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
                : checkPaidCheckouts(run, lease, calls, publish);
        String after = run.progress().orElse("");
        List<Account> batch;
        do {
            batch = reports.accountsWithCustomers(after, ACCOUNTS_PER_BATCH);
            long found = 0;
            long healed = 0;
            long batchCallsBefore = calls.callsMade();
            for (Account account : batch) {
                lease.renewIfDue();
                DriftCheck.Finding finding;
                try {
                    finding = driftCheck.check(run.id(), account,
                            byCustomer.getOrDefault(account.stripeCustomerId(), List.of()), fetchedAt, !run.dryRun());
                } catch (RuntimeException failed) {
                    // one customer's trouble (a lock time-out, Stripe down for the reason) must not stop the scan
                    unchecked++;
                    LOG.warning(() -> "Drift scan could not check " + account.userId() + ": " + failed);
                    after = account.userId();
                    continue;
                }
                if (finding.drift().isPresent()) {
                    found++;
                    healed += finding.drift().get().isHealed() ? 1 : 0;
                }
                finding.change().ifPresent(publish);
                after = account.userId();
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
     * Credits live in no subscription, so paid one-time Checkouts (credit packs) are listed too: those complete since
     * the last healing scan ({@link ReconcileSettings#purchasesFrom}), so a nightly scan pays one call per 100 of the
     * day's Checkouts (every subscription's Checkout is listed as well: Stripe filters none by mode). Each one the
     * ledger lacks goes through its exactly-once grant ({@link PurchaseCheck}), one transaction each.
     *
     * <p>A quiet shop pays one call instead: when the last healing scan found every Checkout settled (none open, none
     * complete and awaiting an async payment) and Stripe lists none opened since, less the overlap, nothing can have
     * been paid since, so the listing is skipped and this scan counts as settled too. Whether anything is open is
     * asked before the listing: a Checkout paid while it runs is then listed as complete.
     *
     * @return how many could not be checked
     */
    private long checkPaidCheckouts(ReconcileRun run, JobLease lease, PoliteStripeCalls calls,
                                    Consumer<EntitlementChanged> publish) {
        long probeCallsBefore = calls.callsMade();
        Optional<Instant> settledBefore = books.purchasesSettled();
        if (settledBefore.isPresent()) {
            Instant newFrom = settings.newCheckoutsFrom(settledBefore.get());
            boolean anyNew = stripe.anyCheckoutOpenedSince(newFrom);
            run.called(calls.callsMade() - probeCallsBefore);
            if (!anyNew) {
                run.listing(newFrom, run.startedAt());
                lease.save(run);
                return 0;
            }
            probeCallsBefore = calls.callsMade();
        }
        Optional<Instant> from = settings.purchasesFrom(books.purchaseCheckpoint());
        boolean settled = !stripe.anyCheckoutStillOpen(from);
        run.called(calls.callsMade() - probeCallsBefore);
        run.listing(from.orElse(null), null);
        long unchecked = 0;
        Optional<String> cursor = Optional.empty();
        StripePage<CheckoutSession> page;
        do {
            long callsBefore = calls.callsMade();
            page = stripe.completedCheckouts(from, cursor);
            long checked = 0;
            long found = 0;
            long healed = 0;
            for (CheckoutSession checkout : page.items()) {
                lease.renewIfDue();
                if (!checkout.sellsCredits() && !checkout.sellsPlanOnce()) {
                    continue;
                }
                if (!checkout.isPaid()) {
                    settled = false; // an async payment may still succeed
                    continue;
                }
                checked++;
                try {
                    DriftCheck.Finding finding = purchaseCheck.check(run.id(), checkout, !run.dryRun());
                    found += finding.drift().isPresent() ? 1 : 0;
                    healed += finding.drift().filter(Drift::isHealed).isPresent() ? 1 : 0;
                    finding.change().ifPresent(publish);
                } catch (RuntimeException failed) {
                    unchecked++;
                    LOG.warning(() -> "Drift scan could not check Checkout " + checkout.id() + ": " + failed);
                }
            }
            cursor = page.nextCursor();
            run.progressed(null, calls.callsMade() - callsBefore, checked, found, healed);
            lease.save(run);
        } while (page.hasMore());
        run.listing(from.orElse(null), settled ? run.startedAt() : null);
        lease.save(run);
        return unchecked;
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
