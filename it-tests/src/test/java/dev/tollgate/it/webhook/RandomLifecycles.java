package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Lifecycle.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A run of random lifecycles of the model-based access test ({@link AccessModelRun}) under a delivery fault plan,
 * its report printed and written to {@code target/access-model/} (with the date, the commit and the seed to replay),
 * and its wrong gate decisions asserted to be none, as its acknowledged events lost; that it proved something is
 * asserted too (events acknowledged, requests without credits refused, and in a run long enough packs bought and
 * spent). {@code lifecycle.only}, {@code lifecycle.threads},
 * and {@code lifecycle.cohort} as {@link RandomAccessLifecycles} says.
 */
final class RandomLifecycles {

    /**
     * Drawn steps after which a run has bought a credit pack but with a chance below 1e-8: one possible kind of
     * step in at most 16, so (15/16)^300. A lifecycle's first step subscribes and its second may be a renewal
     * drawn apart; a shorter run (a replay of a few lifecycles) may buy none.
     */
    private static final int DRAWS_SURE_TO_BUY_CREDITS = 300;

    private RandomLifecycles() {
    }

    /** {@code count} lifecycles of {@code steps} steps each (after subscribing), under {@code delivery}. */
    static AccessModelRun.Figures run(WebhookStage stage, AccessOracle oracle, String name, long seed, int count,
                                      int steps, FaultPlan delivery,
                                             Optional<AccessModelRun.Chaos> chaos) throws Exception {
        List<Integer> indexes = only().orElse(IntStream.range(0, count).boxed().toList());
        System.out.printf("%s on %s: seed %d (replay with -Dlifecycle.seed=%d), %d lifecycles%n", name,
                stage.database(), seed, seed, indexes.size());
        stage.emulator().webhookFaults(delivery);
        AccessModelRun.Figures figures;
        try {
            figures = new AccessModelRun(stage, oracle, Integer.getInteger("lifecycle.threads", 4), chaos).random(
                    seed, indexes, Integer.getInteger("lifecycle.cohort", 100),
                    steps);
        } finally {
            stage.emulator().webhookFaults(FaultPlan.NONE);
            stage.failPaymentsDatabase(0);
        }
        String report = report(stage, name, delivery, figures);
        System.out.println(report);
        write(stage, chaos.isPresent() ? "chaos-" : "", figures, report);
        assertTrue(figures.checks() > 0);
        assertEquals(0, figures.wrong().size(), report);
        List<String> lost = figures.acknowledged().lost();
        assertTrue(figures.acknowledged().acknowledged() > 0, "events were acknowledged, or none could be lost: "
                + report);
        assertEquals(List.of(), lost.subList(0, Math.min(20, lost.size())), lost.size()
                + " acknowledged events not kept by the delivery that acknowledged them");
        assertTrue(figures.credits().refusedSpends() > 0,
                "a request without credits was refused, or the credit check never ran: " + report);
        if (figures.steps() - 2 * figures.lifecycles() >= DRAWS_SURE_TO_BUY_CREDITS) {
            assertTrue(figures.credits().packsPaid() > 0 && figures.credits().spends() > 0,
                    "credit packs were bought and spent, or the credit balance was only ever 0: " + report);
        }
        return figures;
    }

    private static Optional<List<Integer>> only() {
        String only = System.getProperty("lifecycle.only", "").trim();
        return only.isEmpty() ? Optional.empty()
                : Optional.of(Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf)
                        .toList());
    }

    private static String report(WebhookStage stage, String name, FaultPlan delivery,
                                 AccessModelRun.Figures figures) {
        StringBuilder text = new StringBuilder();
        text.append("run=").append(name).append('\n')
                .append("command=mvn -B -ntp -pl it-tests -am verify (profile or -Dwebhook.test naming the class)")
                .append(" -Dlifecycle.seed=").append(figures.seed()).append('\n')
                .append("commit=").append(commit()).append('\n')
                .append("delivery=").append(delivery).append('\n')
                .append("database_faults_injected=").append(figures.databaseFaults()).append('\n')
                .append("deliveries_dropped_or_given_up=").append(figures.failedDeliveries()).append('\n')
                .append("catch_ups=").append(figures.catchUps()).append('\n')
                .append("payments_node_kills=").append(figures.kills().count()).append('\n')
                .append("deliveries_in_flight_at_kills=").append(figures.kills().deliveriesInFlight()).append('\n')
                .append("events_acknowledged=").append(figures.acknowledged().acknowledged()).append('\n')
                .append("acknowledged_events_kept_by_the_delivery=")
                .append(figures.acknowledged().keptByTheDelivery()).append('\n')
                .append("acknowledged_events_in_the_log_before_the_delivery=")
                .append(figures.acknowledged().loggedBeforeTheDelivery()).append('\n')
                .append("acknowledged_events_lost=").append(figures.acknowledged().lost().size()).append('\n')
                .append("credit_packs_paid=").append(figures.credits().packsPaid()).append('\n')
                .append("credit_spends_let_in=").append(figures.credits().spends()).append('\n')
                .append("credit_spends_refused=").append(figures.credits().refusedSpends()).append('\n')
                .append("credit_balance_checks=").append(figures.credits().balanceChecks()).append('\n')
                .append("database=").append(stage.database().name().toLowerCase(Locale.ROOT)).append('\n')
                .append("seed=").append(figures.seed()).append('\n')
                .append("lifecycles=").append(figures.lifecycles()).append('\n')
                .append("steps=").append(figures.steps()).append('\n')
                .append("checks=").append(figures.checks()).append('\n')
                .append("too_close_to_call=").append(figures.tooCloseToCall()).append('\n')
                .append("wrong_decisions=").append(figures.wrong().size()).append('\n')
                .append("wall_time_seconds=").append(figures.wallTime().toSeconds()).append('\n')
                .append("finished_at=").append(Instant.now()).append('\n');
        for (Step kind : Step.values()) {
            text.append("steps.").append(kind.name().toLowerCase(Locale.ROOT)).append('=')
                    .append(figures.stepKinds().getOrDefault(kind, 0)).append('\n');
        }
        figures.wrong().forEach(wrong -> text.append("\nWRONG ").append(wrong));
        return text.toString();
    }

    /** The commit the run was built from, as git names it in the working folder (the report names it). */
    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown (" + out + ")";
        } catch (IOException | InterruptedException notAvailable) {
            return "unknown (" + notAvailable.getMessage() + ")";
        }
    }

    private static void write(WebhookStage stage, String prefix, AccessModelRun.Figures figures, String report) throws IOException {
        Path folder = Path.of(System.getProperty("project.build.directory", "target"), "access-model");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(prefix + stage.database().name().toLowerCase(Locale.ROOT) + "-"
                + figures.seed() + ".txt"), report);
    }
}
