package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.Account;
import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.payments.domain.service.AccountRepository;
import dev.tollgate.payments.domain.service.DriftRepository;
import dev.tollgate.payments.domain.service.ReconcileRunRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** What reconciliation did and found, for the console, {@code /health} and the admin API. Reads only. */
@Stateless
@Dependent
@Transactional
public class ReconcileReports {

    @Inject
    ReconcileRunRepository runs;

    @Inject
    DriftRepository drifts;

    @Inject
    AccountRepository accounts;

    /** The newest runs first, of every job. */
    public List<ReconcileRun> recentRuns(int limit) {
        return runs.recent(limit);
    }

    public Optional<ReconcileRun> run(long id) {
        return runs.find(id);
    }

    /** Differences not healed yet (a dry run's, or ones whose fix failed), newest first. */
    public List<Drift> openDrift(int limit) {
        return drifts.open(limit);
    }

    public long countOpenDrift() {
        return drifts.countOpen();
    }

    /** What one run found (and, unless it was a dry run, healed). */
    public List<Drift> driftOfRun(long runId) {
        return drifts.ofRun(runId);
    }

    /** The next accounts a drift scan compares, in user order; public, as an EJB's business methods must be. */
    public List<Account> accountsWithCustomers(String afterUserId, int limit) {
        return accounts.withCustomersAfter(afterUserId, limit);
    }
}
