package dev.tollgate.payments.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans sold by a one-time price: the catalog's duration, and how the access policy decides what was bought. */
class PlanBoughtOnceTest {

    /** No event has told of a payment: the policy decides from the subscriptions alone. */
    private static final Function<String, PaymentsSeen> NOTHING_SEEN = PaymentsSeen.nothing();

    private static final Instant PAID = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aDurationInlineMakesAPlanBoughtOnceForLifeOrForATerm() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro_monthly; lifetime=price_lifetime; year=price_year;"
                + " duration:lifetime=forever; duration:year=P365D");
        assertTrue(catalog.termOf(catalog.plan("lifetime").orElseThrow()).orElseThrow().isLifetime());
        assertEquals(Optional.of(Duration.ofDays(365)),
                catalog.termOf(catalog.plan("year").orElseThrow()).orElseThrow().length());
        assertTrue(catalog.termOf(catalog.plan("pro").orElseThrow()).isEmpty(), "pro is subscribed to");
        assertTrue(catalog.sellsOneTimePurchases(), "a paid one-time Checkout can grant a plan");
        assertFalse(PlanCatalog.parse("pro=price_pro_monthly").sellsOneTimePurchases());
    }

    @Test
    void aDurationInAPropertiesFileMayIncludeAnotherPlan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "plan.pro.prices=price_pro_monthly\nplan.lifetime.prices=price_pro_lifetime\n"
                + "plan.lifetime.includes=pro\nplan.lifetime.duration=forever\nplan.pass.prices=price_pro_pass\n"
                + "plan.pass.includes=pro\nplan.pass.duration=PT12H\n");
        PlanCatalog catalog = PlanCatalog.parse(file.toString());
        Plan lifetime = catalog.planSoldBy("price_pro_lifetime").orElseThrow();
        assertEquals(java.util.Set.of("lifetime", "pro"), catalog.coveredPlans(lifetime));
        assertTrue(catalog.termOf(lifetime).orElseThrow().isLifetime());
        assertEquals(Optional.of(Duration.ofHours(12)),
                catalog.termOf(catalog.plan("pass").orElseThrow()).orElseThrow().length());
    }

    @Test
    void aBadDurationIsRefusedNamingTheSettingAndTheForm(@TempDir Path dir) throws Exception {
        IllegalArgumentException inline = assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("lifetime=price_lifetime; duration:lifetime=always"));
        assertEquals("'duration:lifetime' needs forever or a positive ISO-8601 duration such as P365D or PT12H,"
                + " got 'always'", inline.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("lifetime=price_lifetime; duration:lifetime=P0D"));
        assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("lifetime=price_lifetime; duration:lifetime=-P1D"));
        assertEquals("a duration is given for unknown plan 'gold'", assertThrows(IllegalArgumentException.class,
                () -> PlanCatalog.parse("lifetime=price_lifetime; duration:gold=forever")).getMessage());
        Path file = dir.resolve("plans.properties");
        Files.writeString(file, "plan.year.prices=price_year\nplan.year.duration=365\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse(file.toString()))
                .getMessage().startsWith("'plan.year.duration' needs forever"));
    }

    @Test
    void aPlanBoughtOnceHasNoTrialAndNoAllowance() {
        assertEquals("plan 'year' is bought once (a duration is given), so it can have no trial and no allowance"
                + " per period", assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse(
                        "year=price_year; duration:year=P365D; trial:year=7")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlanCatalog.parse(
                "year=price_year; duration:year=P365D; allowance:year=100/period"));
    }

    @Test
    void aTermEndsItsLengthAfterThePaymentAndALifetimeNever() {
        assertEquals(PAID.plus(Duration.ofDays(365)), AccessTerm.parse("P365D", "t").endOfAccess(PAID));
        assertEquals(AccessTerm.FOREVER, AccessTerm.lifetime().endOfAccess(PAID));
        assertEquals(AccessTerm.FOREVER, AccessTerm.parse("P3650000D", "t").endOfAccess(PAID), "capped at forever");
        assertEquals("P365D", AccessTerm.parse("P365D", "t").toString(), "logged as the catalog writes it");
        assertEquals("PT12H", AccessTerm.parse("PT12H", "t").toString());
        assertEquals("forever", AccessTerm.parse("forever", "t").toString());
    }

    @Test
    void thePolicyGrantsAPlanBoughtOnceForItsTermAndAFullRefundTakesItBack() {
        PlanCatalog catalog = PlanCatalog.parse("pro=price_pro_monthly; year=price_year; duration:year=P365D");
        AccessPolicy policy = new AccessPolicy(catalog, Duration.ofDays(3));
        Plan year = catalog.plan("year").orElseThrow();
        Subscription bought = new PlanPurchase("cs_1", "cus_1", year, List.of("price_year"), PAID,
                catalog.termOf(year).orElseThrow()).asSubscription();
        Instant inside = PAID.plus(Duration.ofDays(364));

        Grant granted = policy.decide(List.of(bought), inside);
        assertEquals("year", granted.plan());
        assertEquals(PAID.plus(Duration.ofDays(365)), granted.accessUntil());
        assertEquals(null, granted.renewsAt(), "nothing renews");
        assertEquals(null, policy.decide(List.of(bought), PAID.plus(Duration.ofDays(365))).accessUntil(),
                "over at the end of its term");

        Payment charge = new Payment("ch_1", "pi_1", "cus_1", 24900, 0, "usd", true, false, "year", PAID);
        ReversalRecord partial = new ReversalRecord(charge.refundedBy(100, inside), inside, inside);
        assertEquals("year", policy.decide(List.of(bought), List.of(partial), inside).plan(), "a partial refund");
        ReversalRecord full = new ReversalRecord(charge.refundedBy(24900, inside), inside, inside);
        assertEquals(null, policy.decide(List.of(bought), List.of(full), inside).accessUntil(), "a full refund");
        AccessEffects effects = new AccessEffects(policy);
        assertEquals(AccessEffect.Change.ENDS, effects.ofRefund(List.of(bought), List.of(), NOTHING_SEEN, charge,
                24900, inside).change(), "the refunds page's preview says so");
        assertEquals(AccessEffect.Change.UNCHANGED, effects.ofRefund(List.of(bought), List.of(), NOTHING_SEEN,
                charge, 100, inside).change());
    }

    @Test
    void aDisputeLostDuringTheTermTakesItBackAsForASubscriptionAndAWonOneDoesNot() {
        PlanCatalog catalog = PlanCatalog.parse("lifetime=price_lifetime; duration:lifetime=forever");
        Plan lifetime = catalog.plan("lifetime").orElseThrow();
        Subscription bought = new PlanPurchase("cs_2", "cus_2", lifetime, List.of("price_lifetime"), PAID,
                AccessTerm.lifetime()).asSubscription();
        Instant later = PAID.plus(Duration.ofDays(40));
        Dispute dispute = new Dispute("dp_1", "ch_2", "cus_2", 29900, "usd", "fraudulent", "needs_response",
                later.plus(Duration.ofDays(7)), PAID.plus(Duration.ofDays(30)));
        ReversalRecord lost = new ReversalRecord(dispute.asReversal("lost", later), later, later);
        ReversalRecord won = new ReversalRecord(dispute.asReversal("won", later), later, later);
        AccessPolicy revoking = new AccessPolicy(catalog, Duration.ofDays(3));

        assertEquals(AccessTerm.FOREVER, revoking.decide(List.of(bought), List.of(won), later).accessUntil());
        assertEquals(null, revoking.decide(List.of(bought), List.of(lost), later).accessUntil());
        assertEquals(AccessTerm.FOREVER, new AccessPolicy(catalog, Duration.ofDays(3), true, false)
                .decide(List.of(bought), List.of(lost), later).accessUntil(), "PAYMENTS_REVOKE_ON_LOST_DISPUTE=false");
    }
}
