package dev.tollgate.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.domain.model.Money;
import dev.tollgate.payments.domain.model.PlanCatalog;
import dev.tollgate.payments.domain.model.PriceRefresh;
import dev.tollgate.payments.domain.model.PriceSheet;
import dev.tollgate.payments.domain.model.PriceTag;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pricing page's prices: read from Stripe once per interval, kept through a Stripe outage, in catalog order. */
class PriceListTest {

    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
    private static final PriceTag PRO = new PriceTag("price_pro_monthly", "pro_monthly",
            Optional.of(new Money(2900, "usd")), Optional.of("month"), 1, "Pro");
    private static final PriceTag BASIC = new PriceTag("price_basic_yen", null,
            Optional.of(new Money(980, "jpy")), Optional.of("month"), 3, "Basic");
    private static final PriceTag PACK = new PriceTag("price_credits_100", "credits_100",
            Optional.of(new Money(1500, "kwd")), Optional.empty(), 0, "100 credits");

    private final ScriptedStripe stripe = new ScriptedStripe();
    private final RenewalCheckClaims.MovableClock clock = new RenewalCheckClaims.MovableClock(T);
    private final PriceList prices = new PriceList();

    @BeforeEach
    void wire() {
        prices.plans = PlanCatalog.parse("pro=pro_monthly;basic=price_basic_yen,price_gone;trial:pro=14;"
                + "credits:100=credits_100");
        prices.stripe = stripe;
        prices.refresh = new PriceRefresh(Duration.ofSeconds(300));
        prices.clock = clock;
        stripe.priceTags.addAll(List.of(PACK, BASIC, PRO));
    }

    @Test
    void eachPlanAndPackComesWithWhatStripeSaysItCosts() {
        PriceSheet sheet = prices.current();

        assertEquals(List.of("pro", "basic"), sheet.plans().stream().map(PriceSheet.PlanOffer::name).toList(),
                "in the catalog's order");
        assertEquals(List.of(PRO), sheet.plans().get(0).prices(), "a lookup key finds its price");
        assertEquals(14, sheet.plans().get(0).trial().orElseThrow().days());
        assertEquals(List.of(BASIC), sheet.plans().get(1).prices(), "a price Stripe does not know is left out");
        assertEquals(100, sheet.packs().get(0).credits());
        assertEquals("1.500 KWD", sheet.packs().get(0).prices().get(0).amount().orElseThrow().formatted());
        assertEquals(T, sheet.fetched());
        assertFalse(sheet.stale());
    }

    @Test
    void stripeIsAskedOncePerInterval() {
        PriceSheet first = prices.current();
        advance(Duration.ofSeconds(299));
        assertSame(first, prices.current(), "within the interval: the kept prices");
        assertEquals(1, stripe.calls);

        advance(Duration.ofSeconds(1));
        PriceSheet second = prices.current();
        assertEquals(2, stripe.calls, "after it: asked again");
        assertEquals(T.plusSeconds(300), second.fetched());
    }

    @Test
    void aChangedPriceShowsAfterTheInterval() {
        prices.current();
        PriceTag raised = new PriceTag(PRO.id(), PRO.lookupKey(), Optional.of(new Money(3900, "usd")),
                PRO.interval(), 1, "Pro");
        stripe.priceTags.set(2, raised);

        assertEquals(PRO, prices.current().plans().get(0).prices().get(0), "not before the interval");
        advance(Duration.ofMinutes(5));
        assertEquals(raised, prices.current().plans().get(0).prices().get(0));
    }

    @Test
    void aStripeOutageServesTheLastPricesMarkedStaleAndAsksAgainLater() {
        PriceSheet good = prices.current();
        stripe.pricesFailure = new StripeUnavailableException("Stripe is unavailable: 500", null);
        advance(Duration.ofMinutes(5));

        PriceSheet kept = prices.current();
        assertTrue(kept.stale());
        assertEquals(good.plans(), kept.plans());
        assertEquals(good.fetched(), kept.fetched(), "says when Stripe gave them");
        assertEquals(2, stripe.calls);

        advance(Duration.ofSeconds(9));
        assertTrue(prices.current().stale());
        assertEquals(2, stripe.calls, "a failure is retried after ten seconds, not on every request");

        stripe.pricesFailure = null;
        advance(Duration.ofSeconds(1));
        assertFalse(prices.current().stale(), "Stripe back: fresh again");
        assertEquals(3, stripe.calls);
    }

    @Test
    void withNoPricesEverReadAnOutageIsTheCallersToAnswer() {
        stripe.pricesFailure = new StripeUnavailableException("Stripe is unavailable: 500", null);

        assertThrows(StripeUnavailableException.class, prices::current);
        assertThrows(StripeUnavailableException.class, prices::current, "nor a second time");
        assertEquals(1, stripe.calls, "the second is not asked again at once");

        stripe.pricesFailure = null;
        advance(Duration.ofSeconds(10));
        assertFalse(prices.current().stale());
    }

    @Test
    void thePricesSayHowLongTheyStayAsTheyAre() {
        assertEquals(Duration.ZERO, prices.freshFor(), "nothing read: the next call asks Stripe");
        prices.current();
        advance(Duration.ofSeconds(100));
        assertEquals(Duration.ofSeconds(200), prices.freshFor());

        advance(Duration.ofSeconds(200));
        stripe.pricesFailure = new StripeUnavailableException("Stripe is unavailable: 500", null);
        prices.current();
        assertEquals(refreshAfterFailure(), prices.freshFor(), "kept stale until Stripe is asked again");
    }

    private Duration refreshAfterFailure() {
        return prices.refresh.retryAfterFailure();
    }

    @Test
    void aCheckoutFindsAKeptPriceByIdOrLookupKeyWithoutAskingStripe() {
        assertEquals(Optional.empty(), prices.kept("pro_monthly"), "nothing kept before the first read");

        prices.current();
        stripe.pricesFailure = new StripeUnavailableException("Stripe would be asked", null);

        assertEquals(Optional.of(PRO), prices.kept("pro_monthly"));
        assertEquals(Optional.of(PRO), prices.kept("price_pro_monthly"));
        assertEquals(Optional.of(PACK), prices.kept("credits_100"));
        assertEquals(Optional.empty(), prices.kept("price_gone"), "a price Stripe did not list is not kept");
    }

    @Test
    void pricesDueForARefreshOrStaleAreNotUsedForACheckout() {
        prices.current();
        advance(Duration.ofSeconds(299));
        assertEquals(Optional.of(PRO), prices.kept("pro_monthly"));

        advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), prices.kept("pro_monthly"), "due: the lookup key may have moved");

        stripe.pricesFailure = new StripeUnavailableException("Stripe is unavailable: 500", null);
        assertTrue(prices.current().stale());
        assertEquals(Optional.empty(), prices.kept("pro_monthly"), "stale");
    }

    @Test
    void aRefreshIntervalIsPositive() {
        assertThrows(IllegalArgumentException.class, () -> new PriceRefresh(Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), new PriceRefresh(Duration.ofSeconds(2)).retryAfterFailure());
    }

    private void advance(Duration by) {
        clock.at(clock.instant().plus(by));
    }
}
