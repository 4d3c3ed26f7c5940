package dev.tollgate.web.admin;

import dev.tollgate.payments.domain.model.Drift;
import dev.tollgate.payments.domain.model.ReconcileRun;
import java.time.Instant;
import java.util.Optional;

/** Reconcile runs and differences as the admin API writes them (Gson; times as ISO-8601 text). */
final class ReconcileViews {

    private ReconcileViews() {
    }

    record RunView(long id, String job, String node, String status, boolean dryRun, String startedAt,
                   String finishedAt, String listedFrom, String listedUpTo, String progress, long stripeCalls,
                   long seen, long applied, long healed, String lastError) {
    }

    record DriftView(long id, long runId, String userId, String customerId, String ours, String stripe,
                     String reason, String foundAt, String healedAt, Long healedVersion) {
    }

    static RunView of(ReconcileRun run) {
        return new RunView(run.id(), run.job().dbValue(), run.node(), run.status().dbValue(), run.dryRun(),
                text(run.startedAt()), text(run.finishedAt()), text(run.listedFrom()), text(run.listedUpTo()),
                run.progress().orElse(null), run.stripeCalls(), run.seen(), run.applied(), run.healed(),
                run.lastError().orElse(null));
    }

    static DriftView of(Drift drift) {
        return new DriftView(drift.id().orElse(0L), drift.runId(), drift.userId(), drift.customerId().orElse(null),
                drift.ours(), drift.stripe(), drift.reason(), text(drift.foundAt()), text(drift.healedAt()),
                drift.healedVersion().orElse(null));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
