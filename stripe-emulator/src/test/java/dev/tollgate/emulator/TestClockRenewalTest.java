package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Test clocks: months of a subscription in one test, driven through stripe-java's test-helpers API. */
class TestClockRenewalTest extends EmulatorTest {
    private static final ZonedDateTime JAN_15 = ZonedDateTime.of(2026, 1, 15, 12, 0, 0, 0, ZoneOffset.UTC);


    private TestClock clockAtJan15() throws Exception {
        return shop.stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(JAN_15.toEpochSecond()).setName("renewals").build());
    }

    private TestClock advance(TestClock clock, ZonedDateTime to) throws Exception {
        return shop.stripe.v1().testHelpers().testClocks().advance(clock.getId(),
                TestClockAdvanceParams.builder().setFrozenTime(to.toEpochSecond()).build());
    }

    @Test
    void eachMonthRenewsThePeriodWithAPaidCycleInvoice() throws Exception {
        TestClock clock = clockAtJan15();
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", clock.getId());
        assertEquals(clock.getId(), subscription.getTestClock());
        assertEquals(JAN_15.toEpochSecond(), Shop.periodStart(subscription));
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), Shop.periodEnd(subscription));
        String before = shop.lastEventId();

        TestClock advanced = advance(clock, JAN_15.plusMonths(1).plusHours(2));
        assertEquals("ready", advanced.getStatus());
        Subscription renewed = shop.reload(subscription);
        assertEquals("active", renewed.getStatus());
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), Shop.periodStart(renewed));
        assertEquals(JAN_15.plusMonths(2).toEpochSecond(), Shop.periodEnd(renewed));
        assertEquals(List.of("test_helpers.test_clock.advancing", "customer.subscription.updated", "invoice.created",
                "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded",
                "charge.succeeded", "test_helpers.test_clock.ready"), shop.eventTypesAfter(before));

        Event updated = shop.events().stream().filter(e -> e.getType().equals("customer.subscription.updated"))
                .reduce((first, second) -> second).orElseThrow();
        assertTrue(updated.getData().getPreviousAttributes().containsKey("items"),
                "previous_attributes names the old item period: " + updated.getData().getPreviousAttributes());
        Subscription inEvent = (Subscription) updated.getDataObjectDeserializer().getObject().orElseThrow();
        assertEquals(JAN_15.plusMonths(2).toEpochSecond(), Shop.periodEnd(inEvent));

        advance(clock, JAN_15.plusMonths(2).plusHours(2));
        Subscription month2 = shop.reload(subscription);
        assertEquals(JAN_15.plusMonths(3).toEpochSecond(), Shop.periodEnd(month2), "month 2 extends the period");
        List<Invoice> invoices = shop.stripe.v1().invoices().list(
                InvoiceListParams.builder().setSubscription(subscription.getId()).build()).getData();
        assertEquals(3, invoices.size());
        assertTrue(invoices.stream().allMatch(invoice -> "paid".equals(invoice.getStatus())));
        assertEquals(List.of("subscription_cycle", "subscription_cycle", "subscription_create"),
                invoices.stream().map(Invoice::getBillingReason).toList());
        assertEquals(JAN_15.plusMonths(2).toEpochSecond(), invoices.get(0).getCreated(),
                "objects made by the clock carry the clock's time");
    }

    @Test
    void aCustomersInvoicesAreListedNewestFirstAPageAtATimeAndNoOneElses() throws Exception {
        TestClock clock = clockAtJan15();
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", clock.getId());
        shop.subscribe("4242 4242 4242 4242", null);
        advance(clock, JAN_15.plusMonths(1).plusHours(2));
        advance(clock, JAN_15.plusMonths(2).plusHours(2));
        String customer = subscription.getCustomer();

        StripeCollection<Invoice> first = shop.stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer)
                .setLimit(2L).build());
        assertEquals(2, first.getData().size());
        assertTrue(first.getHasMore());
        StripeCollection<Invoice> rest = shop.stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer)
                .setLimit(2L).setStartingAfter(first.getData().get(1).getId()).build());
        assertEquals(1, rest.getData().size());
        assertFalse(rest.getHasMore());
        List<Invoice> all = new java.util.ArrayList<>(first.getData());
        all.addAll(rest.getData());
        assertTrue(all.stream().allMatch(invoice -> customer.equals(invoice.getCustomer())), "only this customer's");
        assertEquals(List.of(JAN_15.plusMonths(2).toEpochSecond(), JAN_15.plusMonths(1).toEpochSecond(),
                JAN_15.toEpochSecond()), all.stream().map(Invoice::getCreated).toList(), "newest first");
        assertTrue(all.stream().allMatch(invoice -> invoice.getNumber() != null && invoice.getAmountPaid() > 0),
                "finalized and paid");
    }

    @Test
    void cancelAtPeriodEndEndsTheSubscriptionWhenTheClockReachesIt() throws Exception {
        TestClock clock = clockAtJan15();
        Subscription subscription = shop.subscribe("4242424242424242", clock.getId());
        shop.stripe.v1().subscriptions().update(subscription.getId(),
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());

        advance(clock, JAN_15.plusDays(20));
        assertEquals("active", shop.reload(subscription).getStatus());
        String before = shop.lastEventId();
        advance(clock, JAN_15.plusMonths(1).plusMinutes(1));

        Subscription ended = shop.reload(subscription);
        assertEquals("canceled", ended.getStatus());
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), ended.getEndedAt());
        assertEquals(List.of("test_helpers.test_clock.advancing", "customer.subscription.deleted",
                "entitlements.active_entitlement_summary.updated", "test_helpers.test_clock.ready"),
                shop.eventTypesAfter(before));
    }

    @Test
    void aClockOnlyMovesItsOwnCustomersAndNeverBackwards() throws Exception {
        TestClock clock = clockAtJan15();
        TestClock other = clockAtJan15();
        Subscription mine = shop.subscribe("4242424242424242", clock.getId());
        Subscription theirs = shop.subscribe("4242424242424242", other.getId());

        advance(clock, JAN_15.plusMonths(1).plusHours(1));
        assertEquals(JAN_15.plusMonths(2).toEpochSecond(), Shop.periodEnd(shop.reload(mine)));
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), Shop.periodEnd(shop.reload(theirs)));
        assertThrows(InvalidRequestException.class, () -> advance(clock, JAN_15));
        assertEquals(JAN_15.plusMonths(1).plusHours(1).toEpochSecond(),
                shop.stripe.v1().testHelpers().testClocks().retrieve(clock.getId()).getFrozenTime());
    }

    @Test
    void theJavaApiAdvancesTheEmulatorsOwnTime() throws Exception {
        Subscription subscription = shop.subscribe("4242424242424242", null);
        long end = Shop.periodEnd(subscription);

        emulator.advance(Duration.ofDays(32));
        Subscription renewed = shop.reload(subscription);
        assertEquals(end, Shop.periodStart(renewed));
        assertTrue(Shop.periodEnd(renewed) > end + Duration.ofDays(27).toSeconds());
        assertTrue(emulator.eventTypes().contains("invoice.payment_succeeded"));
        Event cycle = shop.events().stream().filter(e -> e.getType().equals("invoice.created"))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals(end, cycle.getCreated(), "the event was recorded at the renewal's moment");
        assertTrue(emulator.now().getEpochSecond() >= end);

        Map<String, String> form = Map.of("days", "31");
        assertEquals(200, shop.browser.submit(emulator.baseUrl() + "/_emulator/advance", form).statusCode());
        assertTrue(Shop.periodStart(shop.reload(subscription)) > Shop.periodStart(renewed), "renewed again");
    }
}
