package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.model.ReconcileSettings;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.PoliteStripeCalls;
import dev.tollgate.payments.infrastructure.persistence.JdbcJobLeases;
import dev.tollgate.payments.infrastructure.persistence.JdbcReconcileRunRepository;
import dev.tollgate.payments.infrastructure.persistence.JdbcWebhookEventRepository;
import dev.tollgate.payments.infrastructure.persistence.Repositories;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation's bookkeeping against Flyway's schema on a real database: of nodes asking for a job's lease at
 * once exactly one gets it, a crashed holder's lease lapses and another node takes over while the old holder can
 * no longer renew nor write, also in the middle of a drift scan's page, a page slower than many leases keeps its
 * job, and an interrupted run is resumed with its progress. The subclasses pick the database.
 */
abstract class ReconcileBookkeepingClaims extends MigratedDatabaseClaims {

    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** Stripe calls of a run whose Stripe is scripted: none counted. */
    private static final PoliteStripeCalls NO_CALLS = new PoliteStripeCalls() {
        @Override public long callsMade() { return 0; }
        @Override public void close() { }
    };

    private final MovableClock clock = new MovableClock();

    @Test
    void ofTwoNodesAskingAtOnceExactlyOneHoldsTheJob() throws Exception {
        for (int round = 0; round < 20; round++) {
            ReconcileJob job = round % 2 == 0 ? ReconcileJob.CATCH_UP : ReconcileJob.DRIFT_SCAN;
            clock.at(T.plus(Duration.ofHours(round)));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<Optional<JobLease>> a = CompletableFuture.supplyAsync(() -> take(job, "a", together), nodes);
                CompletableFuture<Optional<JobLease>> b = CompletableFuture.supplyAsync(() -> take(job, "b", together), nodes);
                Optional<JobLease> byA = a.get(30, TimeUnit.SECONDS);
                Optional<JobLease> byB = b.get(30, TimeUnit.SECONDS);
                assertEquals(1, (byA.isPresent() ? 1 : 0) + (byB.isPresent() ? 1 : 0), "round " + round);
                byA.or(() -> byB).orElseThrow().release();
            } finally {
                nodes.shutdownNow();
            }
        }
    }

    @Test
    void aCrashedHoldersLeaseLapsesAndTheOldHolderCannotRenewIt() {
        clock.at(T);
        JobLease crashed = JobLease.take(books(), ReconcileJob.CATCH_UP, "a", LEASE, clock).orElseThrow();
        clock.at(T.plus(LEASE).minusSeconds(1));
        assertTrue(JobLease.take(books(), ReconcileJob.CATCH_UP, "b", LEASE, clock).isEmpty(), "still held");
        assertTrue(JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "b", LEASE, clock).isPresent(),
                "each job has its own lease");

        clock.at(T.plus(LEASE).plusSeconds(1));
        JobLease takenOver = JobLease.take(books(), ReconcileJob.CATCH_UP, "b", LEASE, clock).orElseThrow();
        assertThrows(JobLease.LeaseLostException.class, crashed::renew);
        crashed.release(); // lets go of nothing: the lease is b's now
        assertTrue(JobLease.take(books(), ReconcileJob.CATCH_UP, "c", LEASE, clock).isEmpty());
        takenOver.renew();
        takenOver.release();
        assertTrue(JobLease.take(books(), ReconcileJob.CATCH_UP, "c", LEASE, clock).isPresent(),
                "a released lease is free at once");
    }

    @Test
    void aNodeHoldingAJobCannotTakeItASecondTime() {
        // the schedule's thread and an admin's request on the same node: one run, the other is told it runs already
        clock.at(T);
        JobLease running = JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "a", LEASE, clock).orElseThrow();
        assertTrue(JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "a", LEASE, clock).isEmpty(),
                "the job is running on this node already");
        running.renew();
        running.release();
        assertTrue(JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "a", LEASE, clock).isPresent(),
                "once released, the node may run it again");
    }

    @Test
    void aNodeWhoseLeaseWasTakenOverCannotWriteTheRunAnyMore() {
        clock.at(T);
        ReconcileBookkeeping books = books();
        JobLease stalled = JobLease.take(books, ReconcileJob.CATCH_UP, "a", LEASE, clock).orElseThrow();
        ReconcileRun byA = inTransaction(() -> books.startOrResume(ReconcileJob.CATCH_UP, "a", false, T));
        byA.progressed("evt_100", 1, 100, 100, 0);
        stalled.save(byA);

        clock.at(T.plus(LEASE).plusSeconds(1)); // a's page took longer than its lease, without a word from a
        JobLease takenOver = JobLease.take(books, ReconcileJob.CATCH_UP, "b", LEASE, clock).orElseThrow();
        ReconcileRun byB = inTransaction(() -> books.startOrResume(ReconcileJob.CATCH_UP, "b", false, clock.instant()));
        byB.progressed("evt_300", 1, 100, 100, 0);
        takenOver.save(byB);
        byA.progressed("evt_200", 1, 100, 100, 0);
        byA.complete(clock.instant());

        assertThrows(JobLease.LeaseLostException.class, () -> stalled.save(byA));
        ReconcileRun stored = stored(byA.id());
        assertEquals("b", stored.node(), "the run is b's");
        assertEquals(ReconcileRun.Status.RUNNING, stored.status(), "a's late word neither completes it");
        assertEquals(Optional.of("evt_300"), stored.progress(), "nor moves it back");
    }

    @Test
    void aHolderWorkingThroughALongPageKeepsItsLeaseByRenewingAsItGoes() {
        clock.at(T);
        JobLease working = JobLease.take(books(), ReconcileJob.CATCH_UP, "a", LEASE, clock).orElseThrow();
        clock.at(T.plusSeconds(10));
        working.renewIfDue(); // a sixth of the lease gone: nothing to do yet
        clock.at(T.plus(LEASE).plusSeconds(1));
        assertTrue(JobLease.take(books(), ReconcileJob.CATCH_UP, "b", LEASE, clock).isPresent(),
                "the early call did not extend it");

        clock.at(T.plus(Duration.ofHours(1)));
        JobLease longPage = JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "a", LEASE, clock).orElseThrow();
        for (int second = 0; second <= 3 * LEASE.toSeconds(); second += 5) { // one event or customer every 5 s
            clock.at(T.plus(Duration.ofHours(1)).plusSeconds(second));
            longPage.renewIfDue();
            assertTrue(JobLease.take(books(), ReconcileJob.DRIFT_SCAN, "b", LEASE, clock).isEmpty(),
                    "still a's after " + second + " s");
        }
    }

    @Test
    void aDryRunNeverResumesAnInterruptedHealingScanNorTheOtherWayRound() {
        clock.at(T);
        ReconcileBookkeeping books = books();
        ReconcileRun healing = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false, T));
        healing.progressed("user_0100", 1, 100, 3, 3);
        inTransaction(() -> {
            books.save(healing);
            return null;
        });

        ReconcileRun dryRun = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "b", true,
                T.plusSeconds(90)));

        assertTrue(dryRun.dryRun(), "what was asked for: a run that heals nothing");
        assertTrue(dryRun.id() > healing.id(), "a new run, not the healing one");
        assertEquals(Optional.empty(), dryRun.progress());
        ReconcileRun closed = stored(healing.id());
        assertEquals(ReconcileRun.Status.FAILED, closed.status(), "the interrupted scan is closed, never left "
                + "running beside the new one");
        assertTrue(closed.lastError().orElseThrow().contains("interrupted"), closed.lastError().toString());

        ReconcileRun nextHealing = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false,
                T.plusSeconds(120)));
        assertFalse(nextHealing.dryRun());
        assertTrue(nextHealing.id() > dryRun.id(), "a healing scan does not carry on a dry run");
        assertEquals(ReconcileRun.Status.FAILED, stored(dryRun.id()).status());
    }

    @Test
    void anInterruptedRunIsResumedByTheNextHolderWithItsProgress() {
        clock.at(T);
        ReconcileBookkeeping books = books();
        ReconcileRun first = inTransaction(() -> books.startOrResume(ReconcileJob.CATCH_UP, "a", false, T));
        first.listing(T.minus(Duration.ofDays(30)), T.minusSeconds(5));
        first.progressed("evt_100", 1, 100, 7, 0);
        inTransaction(() -> {
            books.save(first);
            return null;
        });
        assertTrue(inTransaction(() -> books.isDue(ReconcileJob.CATCH_UP, T, Duration.ofHours(1))),
                "an interrupted run is due at once");

        ReconcileRun resumed = inTransaction(() -> books.startOrResume(ReconcileJob.CATCH_UP, "b", false, T.plusSeconds(90)));
        assertEquals(first.id(), resumed.id());
        assertEquals("b", resumed.node());
        assertEquals(Optional.of("evt_100"), resumed.progress());
        assertEquals(Optional.of(T.minusSeconds(5)), resumed.listedUpTo());
        assertEquals(100, resumed.seen());
        assertEquals(Optional.empty(), inTransaction(books::catchUpCheckpoint), "only completed runs set it");

        resumed.complete(T.plusSeconds(95));
        inTransaction(() -> {
            books.save(resumed);
            return null;
        });
        assertEquals(Optional.of(T.minusSeconds(5)), inTransaction(books::catchUpCheckpoint));
        assertFalse(inTransaction(() -> books.isDue(ReconcileJob.CATCH_UP, T.plusSeconds(600), Duration.ofHours(1))));
        assertTrue(inTransaction(() -> books.isDue(ReconcileJob.CATCH_UP, T.plus(Duration.ofHours(1)),
                Duration.ofHours(1))));
        ReconcileRun next = inTransaction(() -> books.startOrResume(ReconcileJob.CATCH_UP, "a", false, T.plusSeconds(3600)));
        assertTrue(next.id() > resumed.id(), "a completed run is never resumed");
        assertEquals(Optional.empty(), next.progress());
    }

    /**
     * A node stalls in the middle of a drift scan's page for longer than its lease, and another node takes the job
     * over and carries the run on: at its next customer the stalled node finds out and stops, checking no further
     * customer and writing nothing to the run, which keeps the new holder's node and progress.
     */
    @Test
    void aNodeWhoseLeaseLapsedMidPageChecksNoFurtherCustomerAndWritesNothingMore() {
        clock.at(T);
        ReconcileBookkeeping books = books();
        HeldScan byA = scanHeldBy(books, "a");
        List<String> checkedByA = new ArrayList<>();
        DriftScan scan = driftScanOf(150, books, user -> {
            checkedByA.add(user);
            if (checkedByA.size() == 140) { // the second page of 100: a stalls here, b takes over
                clock.at(T.plus(LEASE).plusSeconds(1));
                HeldScan byB = scanHeldBy(books, "b");
                byB.run().progressed("user_0149", 0, 50, 0, 0);
                byB.lease().save(byB.run());
            }
        });

        assertThrows(JobLease.LeaseLostException.class, () -> byA.scan(scan));

        assertEquals(140, checkedByA.size(), "a checked no customer after b took over");
        ReconcileRun stored = stored(byA.run().id());
        assertEquals("b", stored.node(), "the run is b's");
        assertEquals(Optional.of("user_0149"), stored.progress(), "a's page never written over b's progress");
        assertEquals(ReconcileRun.Status.RUNNING, stored.status());
    }

    /**
     * A drift scan whose every customer takes a third of the lease (a page of 100 takes 33 leases): the holder keeps
     * the job throughout, no other node can take it at any customer, and the scan finishes every customer.
     */
    @Test
    void aScanWhosePageTakesManyLeasesKeepsItsJobToTheEnd() {
        clock.at(T);
        ReconcileBookkeeping books = books();
        HeldScan byA = scanHeldBy(books, "a");
        List<String> checked = new ArrayList<>();
        List<String> takenByOthers = new ArrayList<>();
        DriftScan scan = driftScanOf(150, books, user -> {
            clock.at(clock.instant().plus(LEASE.dividedBy(3)));
            JobLease.take(books, ReconcileJob.DRIFT_SCAN, "b", LEASE, clock)
                    .ifPresent(lease -> takenByOthers.add(user));
            checked.add(user);
        });

        byA.scan(scan);

        assertEquals(150, checked.size());
        assertEquals(List.of(), takenByOthers, "b never got the job");
        assertEquals(Optional.of("user_0149"), stored(byA.run().id()).progress());
        assertEquals(150, stored(byA.run().id()).seen());
    }

    @Test
    void paidCheckoutsAreListedSinceTheStartOfTheLastCompletedHealingScan() {
        ReconcileBookkeeping books = books();
        assertEquals(Optional.empty(), books.purchaseCheckpoint(), "no scan yet: every Checkout");
        ReconcileRun healing = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false, T));
        assertEquals(Optional.empty(), books.purchaseCheckpoint(), "not while it runs");
        completed(healing, T.plusSeconds(60));
        ReconcileRun dryRun = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", true,
                T.plusSeconds(3600)));
        completed(dryRun, T.plusSeconds(3660));
        ReconcileRun failed = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false,
                T.plusSeconds(7200)));
        failed.fail(T.plusSeconds(7260), "Stripe down");
        inTransaction(() -> {
            books.save(failed);
            return null;
        });

        assertEquals(Optional.of(T), books.purchaseCheckpoint(), "neither a dry run nor a failed scan moves it");
    }

    @Test
    void checkoutsCountAsSettledOnlyAsTheLastCompletedHealingScanFoundThem() {
        ReconcileBookkeeping books = books();
        assertEquals(Optional.empty(), books.purchasesSettled(), "no scan yet");
        ReconcileRun settled = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false, T));
        settled.listing(null, T);
        completed(settled, T.plusSeconds(60));
        assertEquals(Optional.of(T), books.purchasesSettled());
        ReconcileRun dryRun = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", true,
                T.plusSeconds(3600)));
        dryRun.listing(null, null);
        completed(dryRun, T.plusSeconds(3660));
        assertEquals(Optional.of(T), books.purchasesSettled(), "a dry run changes nothing");

        ReconcileRun openOnes = inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, "a", false,
                T.plusSeconds(7200)));
        openOnes.listing(T.minusSeconds(3600), null);
        completed(openOnes, T.plusSeconds(7260));

        assertEquals(Optional.empty(), books.purchasesSettled(), "the last healing scan saw an open Checkout");
    }

    private void completed(ReconcileRun run, Instant at) {
        run.complete(at);
        inTransaction(() -> {
            books().save(run);
            return null;
        });
    }

    /** A drift scan's lease as a node holds it, and the run it started or resumed with it. */
    private record HeldScan(JobLease lease, ReconcileRun run) {
        void scan(DriftScan scan) {
            scan.run(run, lease, NO_CALLS, change -> { });
        }
    }

    private HeldScan scanHeldBy(ReconcileBookkeeping books, String node) {
        JobLease lease = JobLease.take(books, ReconcileJob.DRIFT_SCAN, node, LEASE, clock).orElseThrow();
        return new HeldScan(lease, inTransaction(() -> books.startOrResume(ReconcileJob.DRIFT_SCAN, node, false,
                clock.instant())));
    }

    /** A drift scan of {@code customers} accounts Stripe lists nothing for, each check told to {@code onCheck}. */
    private DriftScan driftScanOf(int customers, ReconcileBookkeeping books, Consumer<String> onCheck) {
        List<Account> inUserOrder = IntStream.range(0, customers)
                .mapToObj(i -> new Account(String.format("user_%04d", i), "cus_" + i, null, T)).toList();
        DriftScan scan = new DriftScan();
        scan.stripe = new ScriptedStripe();
        scan.clock = clock;
        scan.catalog = PlanCatalog.empty();
        scan.reports = new ReconcileReports() {
            @Override
            public List<Account> accountsWithCustomers(String afterUserId, int limit) {
                return inUserOrder.stream().filter(account -> account.userId().compareTo(afterUserId) > 0)
                        .limit(limit).toList();
            }
        };
        scan.driftCheck = new DriftCheck() {
            @Override
            public Set<String> differing(List<Account> batch, Map<String, List<Subscription>> byCustomer,
                                         Instant fetchedAt) {
                // every customer is checked one by one, as a scan does for those its batch read finds different
                return batch.stream().map(Account::userId).collect(Collectors.toSet());
            }

            @Override
            public Finding check(long runId, Account account, List<Subscription> listed, Instant fetchedAt,
                                 boolean heal) {
                onCheck.accept(account.userId());
                return Finding.none();
            }
        };
        return scan;
    }

    private Optional<JobLease> take(ReconcileJob job, String node, CyclicBarrier together) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        return JobLease.take(books(), job, node, LEASE, clock);
    }

    private ReconcileRun stored(long id) {
        JdbcReconcileRunRepository runs = Repositories.wire(new JdbcReconcileRunRepository(), transactions);
        return inTransaction(() -> runs.find(id)).orElseThrow();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.run(work);
    }

    /** The bookkeeping as the container gives it: each call its own transaction. */
    private ReconcileBookkeeping books() {
        ReconcileBookkeeping inside = new ReconcileBookkeeping();
        inside.leases = Repositories.wire(new JdbcJobLeases(), transactions);
        inside.runs = Repositories.wire(new JdbcReconcileRunRepository(), transactions);
        inside.events = Repositories.wire(new JdbcWebhookEventRepository(), transactions);
        return new ReconcileBookkeeping() {
            @Override public boolean acquire(ReconcileJob job, String holder, Instant now, Instant until) {
                return transactions.run(() -> inside.acquire(job, holder, now, until));
            }
            @Override public boolean renew(ReconcileJob job, String holder, Instant until) {
                return transactions.run(() -> inside.renew(job, holder, until));
            }
            @Override public void release(ReconcileJob job, String holder, Instant now) {
                transactions.run(() -> {
                    inside.release(job, holder, now);
                    return null;
                });
            }
            @Override public boolean isDue(ReconcileJob job, Instant now, Duration every) {
                return inside.isDue(job, now, every);
            }
            @Override public ReconcileRun startOrResume(ReconcileJob job, String node, boolean dryRun, Instant now) {
                return inside.startOrResume(job, node, dryRun, now);
            }
            @Override public void save(ReconcileRun run) {
                inside.save(run);
            }
            @Override public boolean saveWhileHolding(ReconcileRun run, String holder, Instant until) {
                return transactions.run(() -> inside.saveWhileHolding(run, holder, until));
            }
            @Override public Optional<Instant> catchUpCheckpoint() {
                return inside.catchUpCheckpoint();
            }
            @Override public Optional<Instant> purchaseCheckpoint() {
                return transactions.run(inside::purchaseCheckpoint);
            }
            @Override public Optional<Instant> purchasesSettled() {
                return transactions.run(inside::purchasesSettled);
            }
        };
    }

    /** A clock a test moves; shared by the threads that play the nodes. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = T;

        void at(Instant instant) {
            now = instant;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
