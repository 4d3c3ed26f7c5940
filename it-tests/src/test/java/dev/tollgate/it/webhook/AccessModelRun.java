package dev.tollgate.it.webhook;

import com.google.gson.JsonObject;
import com.stripe.exception.StripeException;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs lifecycles in cohorts, in lock step: every lifecycle of the cohort takes one step, the emulator's
 * deliveries settle (and the gate's staleness bound passes), then every customer asks the gate for {@code /pro/}
 * and {@code /basic/} as the signed-in user, and each answer is compared with the {@link AccessOracle} applied to
 * what Stripe says at that moment. Lock step keeps the real-time waits shared: a period that must end in real time
 * ends for the whole cohort at once.
 */
final class AccessModelRun {

    /** The gate's version board may be this stale (PAYMENTS_STALENESS_MS, default 1000) before it re-reads. */
    private static final Duration STALENESS = Duration.ofMillis(1200);
    /**
     * How far ahead of the cohort's start its first periods end in real time: time for every lifecycle to subscribe
     * and take one step, so that a first renewal with withheld events happens before its period ends.
     */
    private static Duration firstPeriodLeft(int cohortSize) {
        return Duration.ofSeconds(10).plusMillis(400L * cohortSize);
    }
    /** How long a step's deliveries meet the failing database before the faults end (chaos runs). */
    private static final Duration FAULTY_DELIVERY = Duration.ofSeconds(2);
    private static final List<String> GATED_PATHS = List.of("pro/", "basic/");
    /** The sample app's {@code /credits/} costs this many credits a request ({@link AccessModelStage#gated}). */
    static final long CREDITS_PER_REQUEST = 40;
    private static final String CREDITS_PATH = "credits/";

    /**
     * A run's figures; the chaos ones are 0 for a run in faithful conditions. {@code acknowledged}: the events the
     * emulator saw answered 2xx, and whether each was kept by the delivery it answered, checked after the run
     * ({@link AcknowledgedEvents}: a row that one of the run's catch-ups wrote after the 2xx does not count).
     */
    record Figures(long seed, int lifecycles, int steps, int checks, int tooCloseToCall, List<String> wrong,
                   Duration wallTime, Map<Lifecycle.Step, Integer> stepKinds, long databaseFaults,
                   int failedDeliveries, int catchUps, Kills kills, AcknowledgedEvents.Verdict acknowledged,
                   Credits credits) {
    }

    /** The {@code kill -9}s of the payments node: how many, and how many deliveries were in flight at them. */
    record Kills(int count, int deliveriesInFlight) {
        static final Kills NONE = new Kills(0, 0);
    }

    /** Credit packs paid, spends the gate let through and refused, balance checks. */
    record Credits(int packsPaid, int spends, int refusedSpends, int balanceChecks) {
        static final Credits NONE = new Credits(0, 0, 0, 0);
    }

    /**
     * The hostile conditions of issue 13's chaos run, besides the emulator's fault plan (duplicates, drops,
     * reordering), which the caller sets: {@code databaseFaults} of the payments WAR's statements and commits fail
     * while the lifecycles take their steps; with {@code killNode} (the stage runs the WAR as a node), the node is
     * killed with {@code kill -9} once per cohort, at a step drawn from the seed, while that step's deliveries are
     * in flight, and a new one started in its place.
     */
    record Chaos(double databaseFaults, boolean killNode) {
    }

    private final WebhookStage stage;
    private final AccessOracle oracle;
    private final StripeTruth truth;
    private final int threads;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger tooClose = new AtomicInteger();
    private final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    private final Map<Lifecycle, Shopper> browsers = new ConcurrentHashMap<>();
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
    private final Map<Lifecycle.Step, Integer> stepKinds = new java.util.EnumMap<>(Lifecycle.Step.class);

    /** Every check, one line each, when {@link #traced}: for scripted scenarios. */
    List<String> trace() {
        return List.copyOf(trace);
    }

    private boolean traced;
    private final Optional<Chaos> chaos;
    /** The admin's console session: a new one after a kill (the sessions and their CSRF tokens died with it). */
    private AdminApi admin;
    /** The gate's Java API on the sample app's database: the balance a page spending credits would read. */
    private final dev.tollgate.gate.Credits gateCredits;
    private long databaseFaults;
    private int failedDeliveriesCaughtUp;
    private int catchUps;
    private int kills;
    private int inFlightAtKills;
    private final AtomicInteger spends = new AtomicInteger();
    private final AtomicInteger refusedSpends = new AtomicInteger();
    private final AtomicInteger balanceChecks = new AtomicInteger();

    AccessModelRun(WebhookStage stage, AccessOracle oracle, int threads) {
        this(stage, oracle, threads, Optional.empty());
    }

    AccessModelRun(WebhookStage stage, AccessOracle oracle, int threads, Optional<Chaos> chaos) {
        this.stage = stage;
        this.oracle = oracle;
        this.truth = new StripeTruth(stage.stripe());
        this.threads = threads;
        this.chaos = chaos;
        this.admin = new AdminApi(stage.paymentsUrl(), Duration.ofMinutes(5));
        this.gateCredits = dev.tollgate.gate.Credits.using(stage.demoDataSource());
    }

    /** Random lifecycles {@code indexes} of {@code seed}, {@code cohortSize} at a time, each of {@code length} steps. */
    Figures random(long seed, List<Integer> indexes, int cohortSize, int length) throws Exception {
        Instant started = Instant.now();
        Random killAt = new Random(seed ^ 0x6b696c6c2d39L);
        for (int from = 0; from < indexes.size(); from += cohortSize) {
            List<Lifecycle> cohort = new ArrayList<>();
            for (int index : indexes.subList(from, Math.min(indexes.size(), from + cohortSize))) {
                cohort.add(new Lifecycle(index, seed, "model_" + Long.toHexString(seed) + "_" + index, stage));
            }
            open(cohort);
            int killStep = chaos.filter(Chaos::killNode).isPresent() ? killAt.nextInt(length + 1) : -1;
            for (int step = 0; step <= length; step++) {
                chaos.ifPresent(hostile -> stage.failPaymentsDatabase(hostile.databaseFaults()));
                if (step == killStep) {
                    stepWithKill(cohort);
                } else {
                    everyone(cohort, lifecycle -> takeStep(lifecycle, Lifecycle::next));
                }
                settleAndCheck(cohort);
            }
            chaos.ifPresent(hostile -> stage.failPaymentsDatabase(hostile.databaseFaults()));
            everyone(cohort, lifecycle -> takeStep(lifecycle, Lifecycle::finish));
            settleAndCheck(cohort);
            browsers.keySet().removeAll(cohort);
            cohort.forEach(lifecycle -> lifecycle.performed().forEach(step -> stepKinds.merge(step, 1, Integer::sum)));
        }
        return new Figures(seed, indexes.size(), steps.get(), checks.get(), tooClose.get(), List.copyOf(wrong),
                Duration.between(started, Instant.now()), Map.copyOf(stepKinds), databaseFaults,
                failedDeliveriesCaughtUp, catchUps, new Kills(kills, inFlightAtKills),
                AcknowledgedEvents.check(stage.emulator().deliveries(), stage.rows().webhookEvents()), credits());
    }

    private Credits credits() {
        int packs = stepKinds.getOrDefault(Lifecycle.Step.BUY_CREDITS, 0);
        return new Credits(packs, spends.get(), refusedSpends.get(), balanceChecks.get());
    }

    /**
     * The cohort takes its step while the payments node is killed: once a quarter of the cohort's worth of the
     * step's deliveries has been acknowledged and more are pending, {@code kill -9}, then a new node on the same
     * schema and port. The emulator's deliveries meanwhile fail and are retried, or given up and caught up later.
     */
    private void stepWithKill(List<Lifecycle> cohort) throws Exception {
        long acknowledgedBefore = deliveries(DeliveryStatus.State.DELIVERED);
        ExecutorService stepping = Executors.newSingleThreadExecutor();
        try {
            Future<?> step = stepping.submit(() -> {
                everyone(cohort, lifecycle -> takeStep(lifecycle, Lifecycle::next));
                return null;
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long pending = deliveries(DeliveryStatus.State.PENDING);
            while (!(deliveries(DeliveryStatus.State.DELIVERED) - acknowledgedBefore >= Math.max(1, cohort.size() / 4)
                    && pending > 0) && System.nanoTime() < deadline && !(step.isDone() && pending == 0)) {
                Thread.sleep(20);
                pending = deliveries(DeliveryStatus.State.PENDING);
            }
            stage.killPaymentsNode();
            admin = new AdminApi(stage.paymentsUrl(), Duration.ofMinutes(5));
            kills++;
            inFlightAtKills += (int) pending;
            step.get();
        } finally {
            stepping.shutdownNow();
        }
    }

    private long deliveries(DeliveryStatus.State state) {
        return stage.emulator().deliveries().stream().filter(delivery -> delivery.state() == state).count();
    }

    /** One scripted lifecycle: the steps after subscribing, each followed by a check. */
    Figures scripted(String name, Lifecycle.Step... script) throws Exception {
        traced = true;
        Lifecycle lifecycle = new Lifecycle(0, name.hashCode(), "model_" + name, stage);
        open(List.of(lifecycle));
        takeStep(lifecycle, Lifecycle::subscribeToPro);
        settleAndCheck(List.of(lifecycle));
        for (Lifecycle.Step step : script) {
            takeStep(lifecycle, it -> it.perform(step));
            settleAndCheck(List.of(lifecycle));
        }
        return new Figures(0, 1, steps.get(), checks.get(), tooClose.get(), List.copyOf(wrong), Duration.ZERO,
                Map.of(), 0, 0, 0, Kills.NONE, AcknowledgedEvents.Verdict.NONE, Credits.NONE);
    }

    private void open(List<Lifecycle> cohort) throws Exception {
        Instant periodsEnd = Instant.now().plus(firstPeriodLeft(cohort.size()));
        everyone(cohort, lifecycle -> {
            stage.addUser(lifecycle.user());
            lifecycle.open(periodsEnd.plusSeconds(lifecycle.index() % 10));
            browsers.put(lifecycle, Shopper.signedIn(lifecycle.user(), lifecycle.user(), stage.appUrl()));
        });
    }

    private interface Action {
        void on(Lifecycle lifecycle) throws Exception;
    }

    private void takeStep(Lifecycle lifecycle, Action step) throws Exception {
        try {
            step.on(lifecycle);
        } catch (StripeException refused) {
            // A step Stripe refuses (e.g. an update of an ended subscription) changes nothing; the check still runs.
            lifecycle.note("Stripe refused the step: " + refused.getMessage());
        }
        steps.incrementAndGet();
    }

    private void settleAndCheck(List<Lifecycle> cohort) throws Exception {
        if (chaos.isPresent()) {
            settleAfterChaos();
        }
        stage.awaitDeliveries();
        Instant notBefore = cohort.stream().map(Lifecycle::checkNotBefore).max(Instant::compareTo).orElseThrow();
        Duration wait = Duration.between(Instant.now(), notBefore);
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
        Thread.sleep(STALENESS.toMillis());
        StripeTruth.Reversals reversals = truth.reversals();
        everyone(cohort, lifecycle -> check(lifecycle, reversals));
    }

    /**
     * Lets the step's deliveries meet the failing database for {@link #FAULTY_DELIVERY} (first attempts and first
     * retries), then ends the faults (the rule is checked once the system has settled, as after an outage), waits for
     * the emulator's retries, and runs one catch-up when deliveries were dropped or gave up since the last one: what a
     * scheduled catch-up does in production, asked for at once.
     */
    private void settleAfterChaos() throws Exception {
        stage.emulator().awaitDeliveriesIdle(FAULTY_DELIVERY);
        databaseFaults = stage.failPaymentsDatabase(0);
        stage.awaitDeliveries();
        int failed = (int) stage.emulator().deliveries().stream()
                .filter(delivery -> delivery.state() == DeliveryStatus.State.FAILED).count();
        if (failed > failedDeliveriesCaughtUp) {
            JsonObject run = admin.postOk("reconcile/catch-up", "").getAsJsonObject("run");
            if (!"completed".equals(run.get("status").getAsString())) {
                throw new AssertionError("the catch-up did not complete: " + run);
            }
            failedDeliveriesCaughtUp = failed;
            catchUps++;
        }
    }

    /** The gate's answers to the signed-in user, against the oracle on Stripe's state. */
    private void check(Lifecycle lifecycle, StripeTruth.Reversals reversals) throws Exception {
        StripeTruth.Customer stripe = truth.customer(lifecycle.customer(), reversals);
        for (String path : GATED_PATHS) {
            URI page = stage.appUrl().resolve(path);
            Instant before = Instant.now();
            HttpResponse<String> answer = browsers.get(lifecycle).get(page);
            Instant after = Instant.now();
            Optional<String> early = oracle.winningPlan(stripe, before.minusSeconds(1));
            Optional<String> late = oracle.winningPlan(stripe, after.plusSeconds(1));
            checks.incrementAndGet();
            String decision = decision(answer);
            if (traced) {
                trace.add(lifecycle + " after " + lifecycle.history().get(lifecycle.history().size() - 1) + ": GET /"
                        + path + " at " + after + " " + decision + ", the rule's winner " + early.orElse("none")
                        + (early.equals(late) ? "" : " / " + late.orElse("none")));
            }
            if (!early.equals(late)) {
                tooClose.incrementAndGet(); // a period or grace ends within the second of the request
                continue;
            }
            boolean expected = early.map(plan -> path.startsWith(plan + "/")).orElse(false);
            if (!decision.equals(expected ? "admitted" : "sent to pricing")) {
                wrong.add(describe(lifecycle, path, decision, expected, early, stripe, after));
            }
        }
        spendCredits(lifecycle);
    }

    /**
     * One request to the sample app's {@code credits:N} page, then the balance the gate's {@code Credits} reads,
     * against the oracle for credits: the packs bought and paid, less what the gate let through before. Let in
     * exactly when the balance covers the request; the balance is never a pack more (a duplicate credited twice)
     * or less (a dropped pack never credited) than that.
     */
    private void spendCredits(Lifecycle lifecycle) throws Exception {
        long before = lifecycle.expectedCredits();
        boolean covered = before >= CREDITS_PER_REQUEST;
        String decision = decision(browsers.get(lifecycle).get(stage.appUrl().resolve(CREDITS_PATH)));
        checks.incrementAndGet();
        if (decision.equals("admitted")) {
            lifecycle.spent(CREDITS_PER_REQUEST);
            spends.incrementAndGet();
        } else {
            refusedSpends.incrementAndGet();
        }
        long balance = gateCredits.balance(lifecycle.user());
        balanceChecks.incrementAndGet();
        if (traced) {
            trace.add(lifecycle + ": GET /" + CREDITS_PATH + " " + decision + ", balance " + balance + " (oracle "
                    + lifecycle.expectedCredits() + ")");
        }
        if (!decision.equals(covered ? "admitted" : "sent to pricing") || balance != lifecycle.expectedCredits()) {
            wrong.add(lifecycle + ": GET /" + CREDITS_PATH + " (credits:" + CREDITS_PER_REQUEST + ") with "
                    + before + " credits by the oracle was " + decision + ", balance after " + balance
                    + ", the oracle says " + (covered ? "admitted" : "sent to pricing") + " and "
                    + lifecycle.expectedCredits() + "\n    credit ledger: " + stage.rows().creditLedger(lifecycle.user())
                    + "\n" + String.join("\n", lifecycle.history().stream().map(line -> "    step: " + line).toList()));
        }
    }

    /** The gate's answer: admitted (the page, or the app's 404 for a path it has no page for) or sent to pricing. */
    private static String decision(HttpResponse<String> answer) {
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() == 303 && URI.create(location).getPath().endsWith("/pricing")) {
            return "sent to pricing";
        }
        if (answer.statusCode() == 200 || answer.statusCode() == 404) {
            return "admitted";
        }
        return "HTTP " + answer.statusCode() + " " + location;
    }

    private String describe(Lifecycle lifecycle, String path, String decision, boolean expected,
                            Optional<String> winner, StripeTruth.Customer stripe, Instant at) throws Exception {
        StringBuilder text = new StringBuilder();
        text.append(lifecycle).append(": GET /").append(path).append(" at ").append(at).append(" was ")
                .append(decision).append(", the rule says ").append(expected ? "admitted" : "sent to pricing")
                .append(" (winning plan: ").append(winner.orElse("none")).append(")\n");
        stripe.subscriptions().forEach(subscription -> text.append("    stripe: ").append(subscription).append('\n'));
        text.append("    money taken back at: ").append(stripe.tookBackAt()).append('\n');
        text.append("    entitlement row: ").append(stage.rows().entitlement(lifecycle.user()).orElse(null))
                .append('\n');
        lifecycle.history().forEach(line -> text.append("    step: ").append(line).append('\n'));
        return text.toString();
    }

    private void everyone(List<Lifecycle> cohort, Action action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cohort.size()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Lifecycle lifecycle : cohort) {
                running.add(pool.submit(() -> {
                    action.on(lifecycle);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
