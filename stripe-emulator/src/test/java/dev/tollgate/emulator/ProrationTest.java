package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.checkout.Session;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plan switches in the portal with Stripe's default prorations, on a test clock: a switch ten days into a 31-day
 * period credits the 21 unused days of the old price and charges 21 days of the new one, to the second, rounded to
 * the cent; the next renewal invoice takes both in as lines; a net credit pays that invoice and carries over. A
 * switch to a yearly price restarts the cycle and invoices at once with the month's unused time credited.
 * {@code proration_behavior} (on the API's update, or the portal configuration's) {@code always_invoice} charges the
 * prorations at once, {@code none} makes none.
 */
class ProrationTest extends EmulatorTest {
    private static final ZonedDateTime JAN_15 = ZonedDateTime.of(2026, 1, 15, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime JAN_25 = JAN_15.plusDays(10);
    /** 21 of 31 days of Basic (900) and of Pro (2900): 609.68 → 610 and 1964.52 → 1965. */
    private static final long BASIC_21_DAYS = 610;
    private static final long PRO_21_DAYS = 1965;

    @Test
    void anUpgradeTenDaysInCreditsTheUnusedBasicAndChargesTheRemainingProOnTheNextInvoice() throws Exception {
        TestClock clock = clock();
        Subscription subscription = switchedTenDaysIn(clock, "price_basic_monthly", "price_pro_monthly");

        List<InvoiceItem> pending = pendingItems(subscription);
        assertEquals(List.of(PRO_21_DAYS, -BASIC_21_DAYS), pending.stream().map(InvoiceItem::getAmount).toList(),
                "newest first: the charge for Pro's remaining time, the credit for Basic's unused time");
        assertTrue(pending.stream().allMatch(InvoiceItem::getProration));
        assertTrue(pending.stream().allMatch(item -> item.getInvoice() == null), "pending until the renewal");
        assertEquals("Unused time on Basic after 25 Jan 2026", pending.get(1).getDescription());
        assertEquals("Remaining time on Pro after 25 Jan 2026", pending.get(0).getDescription());
        assertEquals(JAN_25.toEpochSecond(), pending.get(0).getPeriod().getStart());
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), pending.get(0).getPeriod().getEnd());
        Subscription switched = shop.reload(subscription);
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), Shop.periodEnd(switched), "the period stays");

        advance(clock, JAN_15.plusMonths(1).plusHours(1));

        Invoice renewal = latestInvoice(subscription);
        assertEquals("subscription_cycle", renewal.getBillingReason());
        assertEquals(List.of(-BASIC_21_DAYS, PRO_21_DAYS, 2900L), lineAmounts(renewal));
        assertEquals(2900 + PRO_21_DAYS - BASIC_21_DAYS, renewal.getTotal());
        assertEquals(renewal.getTotal(), renewal.getAmountPaid());
        assertEquals("paid", renewal.getStatus());
        assertTrue(pendingItems(subscription).isEmpty(),
                "the invoice took them in");
    }

    @Test
    void aDowngradeCreditsMoreThanTheRenewalCostsAndTheRestPaysTheNextOne() throws Exception {
        TestClock clock = clock();
        Subscription subscription = switchedTenDaysIn(clock, "price_pro_monthly", "price_basic_monthly");

        List<InvoiceItem> pending = pendingItems(subscription);
        assertEquals(List.of(BASIC_21_DAYS, -PRO_21_DAYS), pending.stream().map(InvoiceItem::getAmount).toList());

        advance(clock, JAN_15.plusMonths(1).plusHours(1));
        Invoice renewal = latestInvoice(subscription);
        long net = 900 + BASIC_21_DAYS - PRO_21_DAYS; // -455: more credit than Basic costs
        assertEquals(net, renewal.getTotal());
        assertEquals(0L, renewal.getAmountDue(), "nothing to charge");
        assertEquals("paid", renewal.getStatus());
        assertEquals(net, renewal.getEndingBalance(), "the rest is the customer's credit");
        Customer customer = stripe.v1().customers().retrieve(subscription.getCustomer());
        assertEquals(net, customer.getBalance());
        assertEquals("active", shop.reload(subscription).getStatus());

        advance(clock, JAN_15.plusMonths(2).plusHours(1));
        Invoice next = latestInvoice(subscription);
        assertEquals(net, next.getStartingBalance());
        assertEquals(900 + net, next.getAmountDue(), "the credit pays part of the next renewal");
        assertEquals(900 + net, next.getAmountPaid());
        assertEquals(0L, stripe.v1().customers().retrieve(subscription.getCustomer()).getBalance());
    }

    @Test
    void aTrialInvoiceLeavesTheCustomersCreditForTheFirstPaidInvoice() throws Exception {
        TestClock clock = clock();
        Subscription pro = switchedTenDaysIn(clock, "price_pro_monthly", "price_basic_monthly");
        advance(clock, JAN_15.plusMonths(1).plusHours(1));
        long credit = 900 + BASIC_21_DAYS - PRO_21_DAYS;
        assertEquals(credit, stripe.v1().customers().retrieve(pro.getCustomer()).getBalance());

        Session trialCheckout = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(pro.getCustomer())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_pro_monthly").setQuantity(1L)
                        .build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(7L).build())
                .setSuccessUrl("http://app.test/ok").build());
        assertEquals(303, shop.pay(trialCheckout, "4242 4242 4242 4242").statusCode());
        Subscription trial = stripe.v1().subscriptions().retrieve(
                stripe.v1().checkout().sessions().retrieve(trialCheckout.getId()).getSubscription());
        assertEquals("trialing", trial.getStatus());

        Invoice trialInvoice = latestInvoice(trial);
        assertEquals(0L, trialInvoice.getTotal());
        assertEquals(0L, trialInvoice.getAmountDue());
        assertEquals(credit, trialInvoice.getStartingBalance());
        assertEquals(credit, trialInvoice.getEndingBalance(), "a zero invoice spends none of the credit");
        assertEquals(credit, stripe.v1().customers().retrieve(pro.getCustomer()).getBalance());

        advance(clock, JAN_15.plusMonths(1).plusDays(7).plusHours(2));
        Invoice firstPaid = latestInvoice(trial);
        assertEquals("subscription_cycle", firstPaid.getBillingReason());
        assertEquals(credit, firstPaid.getStartingBalance());
        assertEquals(2900 + credit, firstPaid.getAmountPaid(), "the credit pays part of the first paid invoice");
        assertEquals(0L, stripe.v1().customers().retrieve(pro.getCustomer()).getBalance());
    }

    @Test
    void aSwitchToAYearlyPriceRestartsTheCycleAndInvoicesAtOnceWithTheMonthCredited() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_pro_monthly");
        advance(clock, JAN_25);
        assertTrue(shop.browser.get(portal(subscription)).body().contains("Switch to Pro yearly"));

        switchTo(subscription, "price_pro_annual");

        Subscription switched = shop.reload(subscription);
        assertEquals("price_pro_annual", switched.getItems().getData().get(0).getPrice().getId());
        assertEquals(JAN_25.toEpochSecond(), Shop.periodStart(switched), "a new cycle from now");
        assertEquals(JAN_25.plusYears(1).toEpochSecond(), Shop.periodEnd(switched));
        assertEquals(JAN_25.toEpochSecond(), switched.getBillingCycleAnchor());
        Invoice now = latestInvoice(subscription);
        assertEquals("subscription_update", now.getBillingReason());
        assertEquals(List.of(-PRO_21_DAYS, 29000L), lineAmounts(now));
        assertEquals(29000 - PRO_21_DAYS, now.getAmountPaid());
        assertEquals("paid", now.getStatus());
        assertEquals(JAN_25.toEpochSecond(), now.getCreated(), "at the clock's time");
        assertEquals("active", switched.getStatus());
    }

    @Test
    void aSwitchAtTheVeryStartOfThePeriodCreditsAndChargesWholePrices() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");

        switchTo(subscription, "price_pro_monthly");

        List<InvoiceItem> pending = stripe.v1().invoiceItems().list(InvoiceItemListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData();
        assertEquals(List.of(2900L, -900L), pending.stream().map(InvoiceItem::getAmount).toList());
        InvoiceItem one = stripe.v1().invoiceItems().retrieve(pending.get(0).getId());
        assertNull(one.getInvoice());
    }

    @Test
    void anApiUpgradeWithAlwaysInvoiceChargesTheProrationsAtOnce() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        advance(clock, JAN_25);

        Subscription switched = updatePrice(subscription, "price_pro_monthly",
                SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE);

        assertEquals("price_pro_monthly", switched.getItems().getData().get(0).getPrice().getId());
        assertEquals(JAN_15.plusMonths(1).toEpochSecond(), Shop.periodEnd(switched), "the period stays");
        Invoice now = latestInvoice(subscription);
        assertEquals("subscription_update", now.getBillingReason());
        assertEquals(now.getId(), switched.getLatestInvoice());
        assertEquals(List.of(-BASIC_21_DAYS, PRO_21_DAYS), lineAmounts(now), "the prorations alone");
        assertEquals(PRO_21_DAYS - BASIC_21_DAYS, now.getAmountPaid());
        assertEquals("paid", now.getStatus());
        assertTrue(pendingItems(subscription).isEmpty());
        assertEquals("active", switched.getStatus());

        assertTheRenewalBillsProAlone(clock, subscription);
    }

    @Test
    void anAlwaysInvoiceUpgradeThatCannotBeChargedLeavesTheSubscriptionPastDue() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        failLaterCharges(subscription);
        advance(clock, JAN_25);

        Subscription switched = updatePrice(subscription, "price_pro_monthly",
                SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE);

        assertEquals("past_due", switched.getStatus());
        assertEquals("price_pro_monthly", switched.getItems().getData().get(0).getPrice().getId(),
                "the price changes anyway, as with Stripe's default payment_behavior");
        Invoice now = latestInvoice(subscription);
        assertEquals("open", now.getStatus());
        assertEquals(PRO_21_DAYS - BASIC_21_DAYS, now.getAmountDue());
        assertEquals(1L, now.getAttemptCount());
        assertTrue(emulator.eventTypes().contains("invoice.payment_failed"));
    }

    @Test
    void anAlwaysInvoiceDowngradeCreditsTheCustomerAtOnce() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_pro_monthly");
        advance(clock, JAN_25);

        updatePrice(subscription, "price_basic_monthly", SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE);

        Invoice now = latestInvoice(subscription);
        assertEquals(BASIC_21_DAYS - PRO_21_DAYS, now.getTotal());
        assertEquals(0L, now.getAmountDue());
        assertEquals("paid", now.getStatus());
        assertEquals(BASIC_21_DAYS - PRO_21_DAYS,
                stripe.v1().customers().retrieve(subscription.getCustomer()).getBalance());
    }

    @Test
    void anApiSwitchWithoutProrationsChangesThePriceAndBillsNothingExtra() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        String firstInvoice = latestInvoice(subscription).getId();
        advance(clock, JAN_25);

        Subscription switched = updatePrice(subscription, "price_pro_monthly",
                SubscriptionUpdateParams.ProrationBehavior.NONE);

        assertEquals("price_pro_monthly", switched.getItems().getData().get(0).getPrice().getId());
        assertTrue(pendingItems(subscription).isEmpty());
        assertEquals(firstInvoice, latestInvoice(subscription).getId(), "no invoice now");
        assertTheRenewalBillsProAlone(clock, subscription);
    }

    @Test
    void thePortalBillsASwitchAsItsConfigurationSays() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        advance(clock, JAN_25);
        Configuration alwaysInvoice = portalConfiguration(
                ConfigurationCreateParams.Features.SubscriptionUpdate.ProrationBehavior.ALWAYS_INVOICE);
        assertEquals("always_invoice", alwaysInvoice.getFeatures().getSubscriptionUpdate().getProrationBehavior());

        switchTo(subscription, "price_pro_monthly", alwaysInvoice.getId());

        Invoice now = latestInvoice(subscription);
        assertEquals("subscription_update", now.getBillingReason());
        assertEquals(PRO_21_DAYS - BASIC_21_DAYS, now.getAmountPaid());
        assertTrue(pendingItems(subscription).isEmpty());
    }

    @Test
    void theDefaultPortalConfigurationCanTurnProrationsOff() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        advance(clock, JAN_25);
        Configuration defaults = stripe.v1().billingPortal().configurations().list(
                ConfigurationListParams.builder().setIsDefault(true).build()).getData().get(0);
        assertEquals("create_prorations", defaults.getFeatures().getSubscriptionUpdate().getProrationBehavior());
        stripe.v1().billingPortal().configurations().update(defaults.getId(), ConfigurationUpdateParams.builder()
                .setFeatures(ConfigurationUpdateParams.Features.builder().setSubscriptionUpdate(
                        ConfigurationUpdateParams.Features.SubscriptionUpdate.builder().setProrationBehavior(
                                ConfigurationUpdateParams.Features.SubscriptionUpdate.ProrationBehavior.NONE)
                                .build()).build()).build());

        switchTo(subscription, "price_pro_monthly");

        assertEquals("price_pro_monthly",
                shop.reload(subscription).getItems().getData().get(0).getPrice().getId());
        assertTrue(pendingItems(subscription).isEmpty());
    }

    @Test
    void anUnknownProrationBehaviorIsRefusedAndChangesNothing() throws Exception {
        TestClock clock = clock();
        Subscription subscription = subscribe(clock, "price_basic_monthly");
        String item = subscription.getItems().getData().get(0).getId();

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () ->
                stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                        .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setPrice("price_pro_monthly")
                                .build())
                        .putExtraParam("proration_behavior", "sometimes").build()));

        assertEquals("proration_behavior", refused.getParam());
        assertEquals("price_basic_monthly",
                shop.reload(subscription).getItems().getData().get(0).getPrice().getId());
        assertTrue(pendingItems(subscription).isEmpty());
    }

    private void assertTheRenewalBillsProAlone(TestClock clock, Subscription subscription) throws Exception {
        advance(clock, JAN_15.plusMonths(1).plusHours(1));
        assertEquals(List.of(2900L), lineAmounts(latestInvoice(subscription)), "the renewal bills Pro alone");
    }

    /** Makes the subscription's later charges fail: Stripe's test method that saves but declines every charge. */
    private void failLaterCharges(Subscription subscription) throws Exception {
        PaymentMethod failing = stripe.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(subscription.getCustomer()).build());
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(failing.getId()).build());
    }

    /** A new portal configuration that lets customers switch plans, billed with {@code behavior}. */
    private Configuration portalConfiguration(
            ConfigurationCreateParams.Features.SubscriptionUpdate.ProrationBehavior behavior) throws Exception {
        return stripe.v1().billingPortal().configurations().create(ConfigurationCreateParams.builder()
                .setFeatures(ConfigurationCreateParams.Features.builder().setSubscriptionUpdate(
                        ConfigurationCreateParams.Features.SubscriptionUpdate.builder().setEnabled(true)
                                .setProrationBehavior(behavior).build()).build()).build());
    }

    private Subscription updatePrice(Subscription subscription, String price,
            SubscriptionUpdateParams.ProrationBehavior behavior) throws Exception {
        return stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder()
                        .setId(subscription.getItems().getData().get(0).getId()).setPrice(price).build())
                .setProrationBehavior(behavior).build());
    }

    private List<InvoiceItem> pendingItems(Subscription subscription) throws Exception {
        return stripe.v1().invoiceItems().list(InvoiceItemListParams.builder()
                .setCustomer(subscription.getCustomer()).setPending(true).build()).getData();
    }

    /** A subscription to {@code from} on the clock, switched in the portal to {@code to} on 25 January. */
    private Subscription switchedTenDaysIn(TestClock clock, String from, String to) throws Exception {
        Subscription subscription = subscribe(clock, from);
        advance(clock, JAN_25);
        switchTo(subscription, to);
        return subscription;
    }

    private TestClock clock() throws Exception {
        return stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(JAN_15.toEpochSecond()).setName("prorations").build());
    }

    private void advance(TestClock clock, ZonedDateTime to) throws Exception {
        stripe.v1().testHelpers().testClocks().advance(clock.getId(),
                TestClockAdvanceParams.builder().setFrozenTime(to.toEpochSecond()).build());
    }

    private Subscription subscribe(TestClock clock, String price) throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(shop.customer("alice@example.com", clock.getId()))
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSuccessUrl("http://app.test/ok").build());
        assertEquals(303, shop.pay(session, "4242 4242 4242 4242").statusCode());
        return stripe.v1().subscriptions().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription());
    }

    private String portal(Subscription subscription) throws Exception {
        return portal(subscription, null);
    }

    private String portal(Subscription subscription, String configuration) throws Exception {
        return stripe.v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(subscription.getCustomer()).setConfiguration(configuration).build()).getUrl();
    }

    private void switchTo(Subscription subscription, String price) throws Exception {
        switchTo(subscription, price, null);
    }

    private void switchTo(Subscription subscription, String price, String configuration) throws Exception {
        HttpResponse<String> switched = shop.browser.submit(portal(subscription, configuration) + "/subscriptions/"
                + subscription.getId(), Map.of("action", "switch", "price", price));
        assertEquals(303, switched.statusCode(), switched.body());
    }

    private Invoice latestInvoice(Subscription subscription) throws Exception {
        return stripe.v1().invoices().list(InvoiceListParams.builder().setSubscription(subscription.getId())
                .build()).getData().get(0);
    }

    private static List<Long> lineAmounts(Invoice invoice) {
        return invoice.getLines().getData().stream().map(InvoiceLineItem::getAmount).toList();
    }
}
