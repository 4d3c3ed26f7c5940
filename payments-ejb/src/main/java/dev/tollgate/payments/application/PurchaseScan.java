package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.OpenedCheckout;
import dev.tollgate.payments.domain.model.OpenedCheckout.Settlement;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.domain.service.StripeGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The drift scan's look at one-time purchases (credit packs, plans bought once), which live in no subscription: each
 * paid one the ledger lacks goes through its exactly-once grant ({@link PurchaseCheck}), one transaction each.
 *
 * <p>Stripe's Checkout listing cannot filter by mode, so instead of listing every Checkout of a window the scan asks
 * about the one-time purchases Tollgate recorded when it opened them ({@link CheckoutRecords}) and that are not
 * settled yet: each retrieved when there are a few, else the completed Checkouts listed from the oldest one's opening
 * less the overlap. A subscription's Checkout needs nothing: its subscription is listed with every other.
 *
 * <p>Checkouts opened before the records began are listed once, as before them: the completed ones opened from the
 * last healing scan less a day and the overlap up to the records' start. Once a healing scan found every one of them
 * settled (none open, none awaiting a delayed payment), its run says so ({@code listedUpTo} at the records' start)
 * and no later scan lists them.
 */
@ApplicationScoped
public class PurchaseScan {

    /** Up to this many unsettled purchases are retrieved one by one; more are listed, 100 a call. */
    static final int RETRIEVED_ONE_BY_ONE = 5;

    private static final int MOST_UNSETTLED_READ = 100_000;
    private static final Logger LOG = Logger.getLogger(PurchaseScan.class.getName());

    @Inject
    StripeGateway stripe;

    @Inject
    PurchaseCheck purchaseCheck;

    @Inject
    CheckoutRecords records;

    @Inject
    ReconcileBookkeeping books;

    @Inject
    ReconcileSettings settings;

    /** @return how many paid purchases could not be checked */
    long run(ReconcileRun run, JobLease lease, PoliteStripeCalls calls, Consumer<EntitlementChanged> publish) {
        Tally tally = new Tally(run, lease, calls, publish);
        Instant recordedFrom = wholeSecondAtOrAfter(records.recordedSince());
        Optional<Instant> listedFrom = checkUnrecorded(tally, recordedFrom);
        checkRecorded(tally);
        run.listing(listedFrom.orElse(null), tally.unrecordedSettled ? recordedFrom : null);
        lease.save(run);
        return tally.unchecked;
    }

    /**
     * The Checkouts opened before the records began, unless a healing scan found them settled already.
     *
     * @return from when they were listed; empty when not, or from whenever
     */
    private Optional<Instant> checkUnrecorded(Tally tally, Instant recordedFrom) {
        boolean settledBefore = books.purchasesSettled().filter(mark -> !mark.isBefore(recordedFrom)).isPresent();
        if (settledBefore) {
            tally.unrecordedSettled = true;
            return Optional.empty();
        }
        Optional<Instant> from = settings.purchasesFrom(books.purchaseCheckpoint());
        if (from.isPresent() && !from.get().isBefore(recordedFrom)) {
            tally.unrecordedSettled = true; // the window is empty: every earlier one was settled by the last scan
            return from;
        }
        Optional<Instant> before = Optional.of(recordedFrom);
        long probeCallsBefore = tally.calls.callsMade();
        tally.unrecordedSettled = !stripe.anyCheckoutStillOpen(from, before);
        tally.run.called(tally.calls.callsMade() - probeCallsBefore);
        Optional<String> cursor = Optional.empty();
        StripePage<CheckoutSession> page;
        do {
            long callsBefore = tally.calls.callsMade();
            page = stripe.completedCheckouts(from, before, cursor);
            for (var checkout : page.items()) {
                Outcome outcome = tally.check(checkout);
                if (outcome == Outcome.AWAITING_PAYMENT || outcome == Outcome.NOT_CHECKED) {
                    tally.unrecordedSettled = false;
                }
            }
            cursor = page.nextCursor();
            tally.pageDone(callsBefore);
        } while (page.hasMore());
        return from;
    }

    /** The one-time purchases Tollgate recorded and that are not settled: retrieved when few, listed when many. */
    private void checkRecorded(Tally tally) {
        List<OpenedCheckout> unsettled = records.unsettledPurchases(MOST_UNSETTLED_READ);
        if (unsettled.isEmpty()) {
            return;
        }
        if (unsettled.size() <= RETRIEVED_ONE_BY_ONE) {
            for (OpenedCheckout recorded : unsettled) {
                long callsBefore = tally.calls.callsMade();
                tally.settleBy(recorded.checkoutId(), tally.retrieveAndCheck(recorded));
                tally.pageDone(callsBefore);
            }
        } else {
            Set<String> listed = new HashSet<>();
            Optional<Instant> from = Optional.of(unsettled.get(0).openedAt().minus(settings.overlap()));
            Optional<String> cursor = Optional.empty();
            StripePage<CheckoutSession> page;
            do {
                long callsBefore = tally.calls.callsMade();
                page = stripe.completedCheckouts(from, Optional.empty(), cursor);
                for (var checkout : page.items()) {
                    listed.add(checkout.id());
                    tally.settleBy(checkout.id(), tally.check(checkout));
                }
                cursor = page.nextCursor();
                tally.pageDone(callsBefore);
            } while (page.hasMore());
            // not complete, and older than Stripe keeps a Checkout open (and the overlap, for the clocks): expired
            Instant expiredBefore = tally.run.startedAt().minus(ReconcileSettings.LONGEST_OPEN_CHECKOUT)
                    .minus(settings.overlap());
            tally.settle(unsettled.stream().filter(recorded -> !listed.contains(recorded.checkoutId()))
                    .filter(recorded -> recorded.openedAt().isBefore(expiredBefore))
                    .map(OpenedCheckout::checkoutId).toList(), Settlement.EXPIRED);
        }
        tally.flushSettled();
    }

    private static Instant wholeSecondAtOrAfter(Instant moment) {
        Instant second = Instant.ofEpochSecond(moment.getEpochSecond());
        return second.equals(moment) ? second : second.plusSeconds(1);
    }

    /** What became of one Checkout the scan looked at. */
    private enum Outcome {
        /** applied (found in the ledger, or granted now) */
        APPLIED,
        /** differs, and a dry run leaves it so */
        REPORTED,
        /** open, or complete with a delayed payment the bank has not answered yet */
        AWAITING_PAYMENT,
        EXPIRED,
        FAILED,
        /** sells nothing once: a subscription's, whose subscription is listed anyway */
        NOTHING_SOLD_ONCE,
        /** its check failed (the log says why): asked again next time */
        NOT_CHECKED
    }

    /** The scan's counts and the settlements it owes, written a page at a time. */
    private final class Tally {

        private final ReconcileRun run;
        private final JobLease lease;
        private final PoliteStripeCalls calls;
        private final Consumer<EntitlementChanged> publish;
        private final List<String> applied = new ArrayList<>();
        private long unchecked;
        private long checked;
        private long found;
        private long healed;
        private boolean unrecordedSettled;

        private Tally(ReconcileRun run, JobLease lease, PoliteStripeCalls calls, Consumer<EntitlementChanged> publish) {
            this.run = run;
            this.lease = lease;
            this.calls = calls;
            this.publish = publish;
        }

        private Outcome retrieveAndCheck(OpenedCheckout recorded) {
            CheckoutSession current;
            try {
                current = stripe.checkoutSession(recorded.checkoutId());
            } catch (RuntimeException failed) {
                unchecked++;
                LOG.warning(() -> "Drift scan could not read Checkout " + recorded.checkoutId() + " of "
                        + recorded.userId() + ": " + failed);
                return Outcome.NOT_CHECKED;
            }
            return check(current);
        }

        private Outcome check(CheckoutSession checkout) {
            lease.renewIfDue();
            if (!checkout.sellsCredits() && !checkout.sellsPlanOnce()) {
                return Outcome.NOTHING_SOLD_ONCE;
            }
            if ("expired".equals(checkout.status())) {
                return Outcome.EXPIRED;
            }
            if (checkout.failedBecause().isPresent()) {
                return Outcome.FAILED;
            }
            if (!checkout.isPaid()) {
                return Outcome.AWAITING_PAYMENT; // open, or an async payment that may still succeed
            }
            checked++;
            try {
                DriftCheck.Finding finding = purchaseCheck.check(run.id(), checkout, !run.dryRun());
                found += finding.drift().isPresent() ? 1 : 0;
                healed += finding.drift().filter(Drift::isHealed).isPresent() ? 1 : 0;
                finding.change().ifPresent(publish);
                return finding.drift().filter(drift -> !drift.isHealed()).isPresent() ? Outcome.REPORTED
                        : Outcome.APPLIED;
            } catch (RuntimeException failed) {
                unchecked++;
                LOG.warning(() -> "Drift scan could not check Checkout " + checkout.id() + ": " + failed);
                return Outcome.NOT_CHECKED;
            }
        }

        /** A recorded Checkout the scan saw: settled when nothing more can come of it. */
        private void settleBy(String checkoutId, Outcome outcome) {
            switch (outcome) {
                case APPLIED -> applied.add(checkoutId);
                case EXPIRED -> settle(List.of(checkoutId), Settlement.EXPIRED);
                case FAILED -> settle(List.of(checkoutId), Settlement.FAILED);
                default -> {
                    // still open, awaiting its bank, reported by a dry run, or its check failed: asked again next time
                }
            }
        }

        private void settle(List<String> checkoutIds, Settlement how) {
            if (!checkoutIds.isEmpty() && !run.dryRun()) {
                records.settle(checkoutIds, how);
            }
        }

        private void flushSettled() {
            settle(List.copyOf(applied), Settlement.APPLIED);
            applied.clear();
        }

        private void pageDone(long callsBefore) {
            flushSettled();
            run.progressed(null, calls.callsMade() - callsBefore, checked, found, healed);
            checked = 0;
            found = 0;
            healed = 0;
            lease.save(run);
        }
    }
}
