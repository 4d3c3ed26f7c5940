package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessEffectsTest {

    /** No event has told of a payment: the policy decides from the subscriptions alone. */
    private static final Function<String, PaymentsSeen> NOTHING_SEEN = PaymentsSeen.nothing();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant PERIOD_START = NOW.minus(Duration.ofDays(3));
    private static final PlanCatalog CATALOG = PlanCatalog.of(List.of(
            new Plan("pro", Set.of("price_pro"), Set.of("courses"), Set.of())));
    private static final Subscription ACTIVE = new Subscription("sub_1", "cus_1", SubscriptionStatus.ACTIVE,
            List.of("price_pro"), PERIOD_START, PERIOD_START.plus(Duration.ofDays(30)), false, PERIOD_START);
    private static final Payment PAID = new Payment("ch_1", "pi_1", "cus_1", 1999, 0, "usd", true, false, null,
            PERIOD_START);

    private static AccessEffects effects(boolean revokeOnRefund, boolean revokeOnLostDispute) {
        return new AccessEffects(new AccessPolicy(CATALOG, Duration.ofDays(3), revokeOnRefund, revokeOnLostDispute));
    }

    private static Dispute dispute(String status) {
        return new Dispute("dp_1", "ch_1", "cus_1", 1999, "usd", "fraudulent", status, NOW.plus(Duration.ofDays(7)),
                NOW.minusSeconds(60));
    }

    private static void assertEffect(AccessEffect.Change change, String saying, AccessEffect effect) {
        assertEquals(change, effect.change(), effect.sentence());
        assertTrue(effect.sentence().contains(saying), effect.sentence());
    }

    /** A full refund during the current period ends access now, unless the policy keeps it; a partial one never. */
    @ParameterizedTest(name = "revoke on refund {0}, refund {1} of 1999: {2}")
    @CsvSource(delimiter = '|', value = {
        "true  | 1999 | ENDS      | Full refund during the current period: access ends now (PAYMENTS_REVOKE_ON_REFUND=true).",
        "true  | 500  | UNCHANGED | Partial refund: access unchanged",
        "false | 1999 | UNCHANGED | Full refund: access unchanged (PAYMENTS_REVOKE_ON_REFUND=false)."})
    void aRefundsEffectFollowsItsAmountAndThePolicy(boolean revokeOnRefund, long amount, AccessEffect.Change change,
                                                    String saying) {
        assertEffect(change, saying, effects(revokeOnRefund, true).ofRefund(List.of(ACTIVE), List.of(), NOTHING_SEEN,
                PAID, amount, NOW));
    }

    /**
     * An upgrade refused in the first period, whose first invoice was paid: the user is in the grace days, so the
     * console's preview says a full refund ends access, as the policy that decides the entitlement would.
     */
    @Test
    void aPreviewKnowsOfTheGraceAPaidFirstInvoiceEarns() {
        Subscription refusedUpgrade = new Subscription("sub_1", "cus_1", SubscriptionStatus.PAST_DUE,
                List.of("price_pro"), PERIOD_START, PERIOD_START.plus(Duration.ofDays(30)), false, PERIOD_START);
        PaymentsSeen seen = new PaymentsSeen("sub_1", PERIOD_START, NOW.minus(Duration.ofHours(1)));
        assertEffect(AccessEffect.Change.ENDS, "access ends now", effects(true, true).ofRefund(
                List.of(refusedUpgrade), List.of(), id -> seen, PAID, 1999, NOW));
        assertEffect(AccessEffect.Change.ENDS, "Open: if lost", effects(true, true).ofDispute(
                List.of(refusedUpgrade), List.of(), id -> seen, dispute("needs_response"), NOW));
        assertEffect(AccessEffect.Change.NONE_TO_LOSE, "No access now", effects(true, true).ofRefund(
                List.of(refusedUpgrade), List.of(), NOTHING_SEEN, PAID, 1999, NOW));
    }

    @Test
    void theRestOfAPartlyRefundedChargeMakesItFullAndEndsAccess() {
        Payment partly = new Payment("ch_1", "pi_1", "cus_1", 1999, 500, "usd", true, false, null, PERIOD_START);
        ReversalRecord earlier = new ReversalRecord(partly.refundedBy(0, NOW.minusSeconds(600)),
                NOW.minusSeconds(600), NOW.minusSeconds(600));
        AccessEffect effect = effects(true, true).ofRefund(List.of(ACTIVE), List.of(earlier), NOTHING_SEEN, partly,
                1499, NOW);
        assertEquals(AccessEffect.Change.ENDS, effect.change());
    }

    @Test
    void aRefundForACustomerWithoutAccessHasNothingToTakeBack() {
        Subscription canceled = new Subscription("sub_1", "cus_1", SubscriptionStatus.CANCELED, List.of("price_pro"),
                PERIOD_START, PERIOD_START.plus(Duration.ofDays(30)), false, PERIOD_START);
        AccessEffect effect = effects(true, true).ofRefund(List.of(canceled), List.of(), NOTHING_SEEN, PAID, 1999, NOW);
        assertEquals(AccessEffect.Change.NONE_TO_LOSE, effect.change());
    }

    @Test
    void anOpenDisputeWouldEndAccessIfLost() {
        assertEffect(AccessEffect.Change.ENDS, "Open: if lost",
                effects(true, true).ofDispute(List.of(ACTIVE), List.of(), NOTHING_SEEN, dispute("needs_response"),
                        NOW));
    }

    @Test
    void aLostDisputeTookTheCurrentPeriodsAccess() {
        ReversalRecord lost = new ReversalRecord(dispute("lost").asReversal("lost", NOW.minusSeconds(30)),
                NOW.minusSeconds(30), NOW.minusSeconds(30));
        AccessEffect effect = effects(true, true).ofDispute(List.of(ACTIVE), List.of(lost), NOTHING_SEEN,
                dispute("lost"), NOW);
        assertEquals(AccessEffect.Change.ENDS, effect.change());
    }

    @Test
    void aWonDisputeOrAPolicyThatKeepsAccessChangesNothing() {
        assertEquals(AccessEffect.Change.UNCHANGED,
                effects(true, true).ofDispute(List.of(ACTIVE), List.of(), NOTHING_SEEN, dispute("won"), NOW).change());
        assertEffect(AccessEffect.Change.UNCHANGED, "PAYMENTS_REVOKE_ON_LOST_DISPUTE=false",
                effects(true, false).ofDispute(List.of(ACTIVE), List.of(), NOTHING_SEEN, dispute("lost"), NOW));
    }
}
