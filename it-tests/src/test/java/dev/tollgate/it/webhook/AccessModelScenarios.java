package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.delivery.FaultPlan;
import dev.tollgate.it.webhook.Lifecycle.Step;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
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
 * <p>Every subclass runs the named scenarios; the random lifecycles run in {@link AccessModelOnH2Scenarios} (part of
 * {@code mvn verify}) and in {@link AccessModelOnPostgresLifecycles} ({@code -Plifecycle} only: on PostgreSQL the
 * default build runs random lifecycles under chaos, {@link AccessModelUnderChaosOnPostgresScenarios}).
 */
abstract class AccessModelScenarios extends StageScenarios {

    static final AccessOracle ORACLE = new AccessOracle(Duration.ofDays(3)); // PAYMENTS_GRACE_DAYS default

    @Override
    DemoOptions configure(DemoOptions options) {
        return gated(options);
    }

    /** The sample app's rules the model checks: a page per plan, and a page that costs credits a request. */
    static DemoOptions gated(DemoOptions options) {
        return options.withSampleAppSetting("PAYMENTS_PROTECT", "/pro/*=plan:pro; /basic/*=plan:basic;"
                + " /credits/*=credits:" + AccessModelRun.CREDITS_PER_REQUEST);
    }

    /**
     * The random lifecycles on {@code stage} (the classes that run them call it from their own test, so the build's
     * default run has them on H2 and {@code -Plifecycle} on PostgreSQL too).
     */
    static void runRandomLifecycles(WebhookStage stage) throws Exception {
        long seed = Long.getLong("lifecycle.seed", new SecureRandom().nextLong());
        int count = Integer.getInteger("lifecycle.count", 50);
        RandomLifecycles.run(stage, ORACLE, "access model", seed, count, Integer.getInteger("lifecycle.steps", 8),
                FaultPlan.seeded(seed).duplicating(0.2).reorderingWithin(4), Optional.empty());
    }

    @Test
    void aChargeRefundedPartlyThenFullyAfterTheRenewalRevokesTheRenewedPeriod() throws Exception {
        regression("partial-then-full", Step.PARTIAL_REFUND, Step.RENEW, Step.WAIT_UNTIL_PERIOD_STARTS,
                Step.FULL_REFUND);
    }

    @Test
    void aDisputeOpenedBeforeTheRenewalAndLostAfterItRevokes() throws Exception {
        regression("dispute-across-renewal", Step.OPEN_DISPUTE, Step.RENEW, Step.WAIT_UNTIL_PERIOD_STARTS,
                Step.LOSE_DISPUTE);
    }

    @Test
    void aDisputeLostWithinOneSecondWithTheClosedReportFirstRevokes() throws Exception {
        regression("dispute-one-second", Step.DISPUTE_LOST_WITHIN_ONE_SECOND, Step.RENEW);
    }

    @Test
    void aRenewalWhoseEventsAreWithheldPastThePeriodEndKeepsThePayingCustomerIn() throws Exception {
        regression("withheld-renewal", Step.RENEW_WITH_EVENTS_WITHHELD, Step.RELEASE_WITHHELD_EVENTS);
    }

    /**
     * Found by the random lifecycles: the refund empties {@code access_until}, so at the period's end there is no
     * lapsed period to ask about; the stored {@code renews_at} (the taken-back subscription's period end) is what
     * makes the gate ask for a sync once the paid renewal has begun.
     */
    @Test
    void aCustomerWhoseFullRefundRevokedAPeriodAndWhoPaysTheNextIsLetInThoughItsRenewalEventsAreLate()
            throws Exception {
        regression("refunded-then-renewed-late", Step.FULL_REFUND, Step.RENEW_WITH_EVENTS_WITHHELD,
                Step.RELEASE_WITHHELD_EVENTS);
    }

    private void regression(String name, Step... script) throws Exception {
        AccessModelRun run = new AccessModelRun(stage, ORACLE, 1);
        AccessModelRun.Figures figures = run.scripted(name, script);
        run.trace().forEach(System.out::println);
        assertEquals(List.of(), figures.wrong(), String.join("\n", figures.wrong()));
        assertEquals(0, figures.tooCloseToCall(), "every check of a script is decidable: " + run.trace());
    }

}
