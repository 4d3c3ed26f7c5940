package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoDatabase;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The model-based access test ({@link RandomAccessLifecycles}) under issue 13's chaos, on
 * PostgreSQL, the chaos run's database.
 */
class AccessModelUnderChaosOnPostgresScenarios extends StageScenarios {

    @Override
    DemoDatabase.Kind database() {
        return DemoDatabase.Kind.POSTGRESQL;
    }

    private final long seed = Long.getLong("lifecycle.seed", new SecureRandom().nextLong());
    /** Whether the payments WAR runs as a node of its own that is killed once per cohort. */
    private final boolean killing = Boolean.getBoolean("lifecycle.chaos.kill");

    /**
     * With {@code lifecycle.chaos.kill} the payments WAR runs as a node in a JVM of its own on the stage's schema
     * (the emulator delivers there, the gate reads the schema), so that it can be killed with {@code kill -9}.
     */
    @Override
    WebhookStage newStage() throws Exception {
        return killing ? WebhookStage.startWithPaymentsNode(database(), this::configure, seed) : super.newStage();
    }

    /** The catch-up runs when the test asks for it: a scheduled one running then would answer the ask 409. */
    @Override
    DemoOptions configure(DemoOptions options) {
        return WebhookStage.reconcilingOnlyWhenAsked(AccessModelStage.gated(options));
    }

    /**
     * Issue 13's chaos delivery under the same lifecycles: 20 % of deliveries duplicated, 10 % dropped, reordered,
     * and 5 % of the payments WAR's statements and commits failing while the steps are taken; with
     * {@code lifecycle.chaos.kill} ({@code -Plifecycle-chaos}) the payments node is also killed with {@code kill -9}
     * once per cohort while a step's deliveries are in flight, and a new one started on the same schema and port. The
     * gate is checked once the system has settled: faults over, the emulator's retries done, and one catch-up run
     * when deliveries were dropped or gave up (as the scheduled catch-up would). Asserted: 0 wrong decisions (plans
     * and credit balances), 0 acknowledged events lost. {@code lifecycle.chaos.count} lifecycles of
     * {@code lifecycle.chaos.steps} steps (default 8 of 4 in the build, each step costing the cohort about 5 s;
     * {@code -Plifecycle-chaos}: 1,000 of 8).
     */
    @Test
    void randomLifecyclesUnderChaosGetTheAnswerTheRuleGivesOnceTheSystemSettles() throws Exception {
        int count = Integer.getInteger("lifecycle.chaos.count", 8);
        int steps = Integer.getInteger("lifecycle.chaos.steps", 4);
        AccessModelRun.Figures figures = RandomLifecycles.run(stage, AccessModelStage.ORACLE,
                "access model under chaos", seed, count, steps,
                FaultPlan.seeded(seed).duplicating(0.2).dropping(0.1).reorderingWithin(4),
                Optional.of(new AccessModelRun.Chaos(0.05, killing)));
        assertTrue(figures.databaseFaults() > 0, "database faults were injected, or this proves nothing");
        if (killing) {
            assertTrue(figures.kills().count() > 0, "the payments node was killed");
            assertTrue(figures.kills().deliveriesInFlight() > 0, "deliveries were in flight when it was killed");
        }
        assertTrue(figures.failedDeliveries() > 0, "deliveries were dropped, or the catch-up was never needed");
    }
}
