package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.webhook.Lifecycle.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model-based access test's named lifecycles, minimal ones kept as regression tests, each checked after every
 * step as the random ones are ({@link RandomAccessLifecycles}); the subclasses pick the database and run them in
 * every {@code mvn verify}.
 */
abstract class AccessModelScenarios extends AccessModelStage {

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
