package dev.tollgate.it.webhook;

import dev.tollgate.emulator.delivery.FaultPlan;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The model-based test of access decisions (issue 12): random lifecycles — subscribe (one in four with a trial
 * until the first period's end), renew, failing and working cards, retries and grace, both cancellations, plan
 * changes up and down, partial and full refunds across renewals, disputes
 * opened and won or lost (also within one second, the closed report first), renewal events withheld past the
 * period's end in real time, credit packs bought — delivered signed, duplicated and shuffled; after every step the
 * gate's answer to the signed-in user is compared with {@link AccessOracle} on Stripe's state, and one request to a
 * {@code credits:40} page with the packs paid less the spends let through (the balance read through the gate's
 * {@code Credits} must be exactly that).
 *
 * <p>System properties: {@code lifecycle.seed} (printed; set it to replay), {@code lifecycle.count} (default
 * 50 per database), {@code lifecycle.steps} per lifecycle (default 8), {@code lifecycle.cohort} (lifecycles in lock step,
 * default 100), {@code lifecycle.only} (indexes, e.g. {@code 17,40}: replay just those of the seed),
 * {@code lifecycle.threads} (default 4). The figures go to {@code target/access-model/}.
 *
 * <p>Run on H2 by {@link AccessModelOnH2Scenarios} (part of {@code mvn verify}) and on PostgreSQL by
 * {@link AccessModelOnPostgresLifecycles} ({@code -Plifecycle}; on PostgreSQL the default build runs the random
 * lifecycles under chaos, {@link AccessModelUnderChaosOnPostgresScenarios}), each on an {@link AccessModelStage}.
 */
interface RandomAccessLifecycles {

    /** The test class's stage, started before its tests. */
    WebhookStage stage();

    @Test
    default void randomLifecyclesGetTheAnswerTheRuleGivesAfterEveryStep() throws Exception {
        long seed = Long.getLong("lifecycle.seed", new SecureRandom().nextLong());
        int count = Integer.getInteger("lifecycle.count", 50);
        RandomLifecycles.run(stage(), AccessModelStage.ORACLE, "access model", seed, count,
                Integer.getInteger("lifecycle.steps", 8), FaultPlan.seeded(seed).duplicating(0.2).reorderingWithin(4),
                Optional.empty());
    }
}
