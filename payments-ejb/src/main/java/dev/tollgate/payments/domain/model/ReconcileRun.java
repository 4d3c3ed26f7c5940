package dev.tollgate.payments.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a reconcile job and how far it got. Its progress is saved after every page, so a run interrupted
 * half-way (a crash, a lost lease) is resumed from there by whichever node holds the job next.
 */
public final class ReconcileRun {

    /** Where a run stands. */
    public enum Status {
        RUNNING, COMPLETED, FAILED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromDb(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private Long id;
    private final ReconcileJob job;
    private String node;
    private final boolean dryRun;
    private Status status;
    private final Instant startedAt;
    private Instant finishedAt;
    private Instant listedFrom;
    private Instant listedUpTo;
    private String progress;
    private long stripeCalls;
    private long seen;
    private long applied;
    private long healed;
    private String lastError;

    private ReconcileRun(Long id, ReconcileJob job, String node, boolean dryRun, Status status, Instant startedAt,
                         Instant finishedAt, Instant listedFrom, Instant listedUpTo, String progress, long stripeCalls,
                         long seen, long applied, long healed, String lastError) {
        this.id = id;
        this.job = job;
        this.node = node;
        this.dryRun = dryRun;
        this.status = status;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.listedFrom = listedFrom;
        this.listedUpTo = listedUpTo;
        this.progress = progress;
        this.stripeCalls = stripeCalls;
        this.seen = seen;
        this.applied = applied;
        this.healed = healed;
        this.lastError = lastError;
    }

    /** A run about to start on {@code node}. */
    public static ReconcileRun starting(ReconcileJob job, String node, boolean dryRun, Instant now) {
        return new ReconcileRun(null, job, node, dryRun, Status.RUNNING, now, null, null, null, null, 0, 0, 0, 0, null);
    }

    /** A run as it was stored. */
    public static ReconcileRun restored(long id, ReconcileJob job, String node, boolean dryRun, Status status,
                                        Instant startedAt, Instant finishedAt, Instant listedFrom,
                                        Instant listedUpTo, String progress, long stripeCalls, long seen,
                                        long applied, long healed, String lastError) {
        return new ReconcileRun(id, job, node, dryRun, status, startedAt, finishedAt, listedFrom, listedUpTo, progress,
                stripeCalls, seen, applied, healed, lastError);
    }

    /** Set once, when the run is first stored. */
    public void identify(long storedId) {
        if (id != null) {
            throw new IllegalStateException("Run " + id + " is stored already");
        }
        id = storedId;
    }

    /** Another node carries on with this interrupted run. */
    public void resumeOn(String resumingNode) {
        node = resumingNode;
    }

    /**
     * A catch-up's window: from where it lists, and the newest event it found (the next run's checkpoint); a drift
     * scan's: from when it lists paid Checkouts (null: every one), and the moment every Checkout opened before was
     * settled — none open, none awaiting payment — (null: some were not), from which the next scan asks for new ones.
     */
    public void listing(Instant from, Instant upTo) {
        listedFrom = from;
        listedUpTo = upTo;
    }

    /** Done up to {@code item} (an event id or a user id), with these many more of each. */
    public void progressed(String item, long moreCalls, long moreSeen, long moreApplied, long moreHealed) {
        progress = item;
        stripeCalls += moreCalls;
        seen += moreSeen;
        applied += moreApplied;
        healed += moreHealed;
    }

    /** Counts Stripe calls that moved no item forward (the listing of a scan). */
    public void called(long moreCalls) {
        stripeCalls += moreCalls;
    }

    public void complete(Instant now) {
        status = Status.COMPLETED;
        finishedAt = now;
        lastError = null;
    }

    public void fail(Instant now, String error) {
        status = Status.FAILED;
        finishedAt = now;
        lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    public Long id() { return id; }
    public ReconcileJob job() { return job; }
    public String node() { return node; }
    public boolean dryRun() { return dryRun; }
    public Status status() { return status; }
    public Instant startedAt() { return startedAt; }
    public Optional<Instant> finishedAt() { return Optional.ofNullable(finishedAt); }
    public Optional<Instant> listedFrom() { return Optional.ofNullable(listedFrom); }
    public Optional<Instant> listedUpTo() { return Optional.ofNullable(listedUpTo); }
    /** The last item done; empty before the first. */
    public Optional<String> progress() { return Optional.ofNullable(progress); }
    public long stripeCalls() { return stripeCalls; }
    /** Events listed (catch-up), or customers and paid one-time Checkouts compared (drift scan). */
    public long seen() { return seen; }
    /** Events passed through the pipeline (catch-up) or differences found (drift scan). */
    public long applied() { return applied; }
    /** Differences healed (drift scan). */
    public long healed() { return healed; }
    public Optional<String> lastError() { return Optional.ofNullable(lastError); }

    @Override
    public String toString() {
        return job.dbValue() + " run " + id + " (" + status.dbValue() + (dryRun ? ", dry run" : "") + "): "
                + seen + " seen, " + applied + (job == ReconcileJob.CATCH_UP ? " applied, " : " differences, ")
                + (job == ReconcileJob.DRIFT_SCAN ? healed + " healed, " : "") + stripeCalls + " Stripe calls";
    }
}
