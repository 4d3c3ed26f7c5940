package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionUpdate.ProrationBehavior;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import dev.tollgate.it.Shopper;
import dev.tollgate.it.webhook.WebhookStage.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Basic subscriber upgrades to Pro in the customer portal ten days into a period, with the portal configured (as
 * in Stripe's Dashboard, on the account's default portal configuration) to bill a switch
 * {@code always_invoice} or {@code none}: the gate follows the switch in each. With {@code always_invoice} the
 * prorations are invoiced and charged at once: paid, Pro is let in; refused, the subscription is
 * {@code past_due} and Tollgate's policy grants the grace days ({@code PAYMENTS_GRACE_DAYS}, 3 by default) from the
 * period's start, or from the refusal in the first period, whose first invoice was paid. With {@code none} no proration is billed and the renewal bills Pro's price alone. Each scenario sets
 * the configuration it needs. The subclasses pick the database.
 */
abstract class PortalProrationScenarios extends StageScenarios {

    private static final String BASIC_PRICE = "price_basic_monthly";
    private static final String CARD = "4242 4242 4242 4242";
    private static final long PRO_AMOUNT = 2900;
    /** Tollgate's default PAYMENTS_GRACE_DAYS. */
    private static final Duration GRACE = Duration.ofDays(3);

    @Test
    void anAlwaysInvoiceUpgradeIsChargedAtOnceAndOpensTheProArea() throws Exception {
        portalBillsSwitches(ProrationBehavior.ALWAYS_INVOICE);
        OnAClock basic = basicSubscriberOnAClock();
        assertEquals("to pricing", proArea(basic.browser()));
        advance(basic.clock(), basic.start().plus(Duration.ofDays(10)));

        stage.inPortal(stage.openPortal(basic.user()), basic.subscriber().subscriptionId(), "switch",
                StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();

        Invoice now = latestInvoice(basic.subscriber());
        assertEquals("subscription_update", now.getBillingReason());
        assertEquals("paid", now.getStatus());
        assertEquals(2, now.getLines().getData().size(), "the two prorations alone: " + now.getLines().getData());
        assertTrue(now.getAmountPaid() > 0, "the upgrade's net is charged now: " + now.getAmountPaid());
        assertTrue(pendingItems(basic.subscriber()).isEmpty(), "nothing left for the renewal");
        Rows.Entitlement entitlement = rows.requireEntitlement(basic.user());
        assertEquals("pro", entitlement.plan());
        assertEquals("active", entitlement.status());
        assertEquals("let in", awaitProArea(basic.browser(), "let in"), "the paid upgrade opens the Pro area");
    }

    /**
     * The same upgrade a period later, when the subscriber's card has begun to fail: the proration invoice is
     * refused, Stripe leaves the subscription {@code past_due} on Pro's price, and Tollgate grants Pro for the grace
     * days counted from the start of the period whose payment failed — the paid period is not the first, so grace
     * applies (README, "Who has access").
     */
    @Test
    void anAlwaysInvoiceUpgradeThatIsRefusedLeavesTheGraceThePolicyGives() throws Exception {
        portalBillsSwitches(ProrationBehavior.ALWAYS_INVOICE);
        OnAClock basic = basicSubscriberOnAClock();
        advance(basic.clock(), Instant.ofEpochSecond(basic.periodEnd()).plus(Duration.ofHours(1)));
        assertEquals("paid", latestInvoice(basic.subscriber()).getStatus(), "the renewal was paid");
        long secondPeriodStart = basic.periodEnd();
        failLaterCharges(basic.subscriber());
        advance(basic.clock(), Instant.ofEpochSecond(secondPeriodStart).plus(Duration.ofDays(10)));

        stage.inPortal(stage.openPortal(basic.user()), basic.subscriber().subscriptionId(), "switch",
                StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();

        Invoice refused = latestInvoice(basic.subscriber());
        assertEquals("subscription_update", refused.getBillingReason());
        assertEquals("open", refused.getStatus());
        assertEquals("past_due", rows.subscription(basic.subscriber().subscriptionId()).status());
        Rows.Entitlement entitlement = rows.requireEntitlement(basic.user());
        assertEquals("pro", entitlement.plan(), "Stripe switched the price; the policy judges the payment");
        assertEquals("past_due", entitlement.status());
        assertEquals(OffsetDateTime.ofInstant(Instant.ofEpochSecond(secondPeriodStart).plus(GRACE), ZoneOffset.UTC),
                entitlement.accessUntil().withOffsetSameInstant(ZoneOffset.UTC), "grace from the period's start");
        assertEquals("let in", awaitProArea(basic.browser(), "let in"), "within the grace (in real time)");
    }

    /**
     * The same refused upgrade in the subscription's first month: Stripe's state alone (past_due in the period it
     * began with) reads like a first debit the bank refused, which earns no grace; but the first invoice was paid,
     * so Tollgate grants the grace days, counted from the refusal. The clock runs twenty days behind: the period's
     * start lies far enough back that a grace counted from it would be over, while the refusal (whose event carries
     * the emulator's own time, as Stripe's events do under a test clock) is now.
     */
    @Test
    void anAlwaysInvoiceUpgradeRefusedInTheFirstMonthKeepsTheGraceFromTheRefusal() throws Exception {
        portalBillsSwitches(ProrationBehavior.ALWAYS_INVOICE);
        OnAClock basic = basicSubscriberOnAClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .minus(Duration.ofDays(20)));
        assertEquals("paid", latestInvoice(basic.subscriber()).getStatus(), "the first invoice was paid");
        failLaterCharges(basic.subscriber());
        advance(basic.clock(), basic.start().plus(Duration.ofDays(10)));

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        stage.inPortal(stage.openPortal(basic.user()), basic.subscriber().subscriptionId(), "switch",
                StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();
        Instant after = Instant.now();

        Invoice refused = latestInvoice(basic.subscriber());
        assertEquals("subscription_update", refused.getBillingReason());
        assertEquals("open", refused.getStatus());
        assertEquals("past_due", rows.subscription(basic.subscriber().subscriptionId()).status());
        Subscription inStripe = stage.stripe().v1().subscriptions().retrieve(basic.subscriber().subscriptionId());
        assertEquals(basic.start().getEpochSecond(), inStripe.getItems().getData().get(0).getCurrentPeriodStart(),
                "still the period the subscription began with");
        Rows.Entitlement entitlement = rows.requireEntitlement(basic.user());
        assertEquals("pro", entitlement.plan());
        assertEquals("past_due", entitlement.status());
        Instant graceEnd = entitlement.accessUntil().toInstant();
        assertTrue(!graceEnd.isBefore(before.plus(GRACE)) && !graceEnd.isAfter(after.plus(GRACE)),
                "grace from the refusal, between " + before.plus(GRACE) + " and " + after.plus(GRACE) + ": "
                        + graceEnd);
        assertEquals("let in", awaitProArea(basic.browser(), "let in"), "within the grace");
    }

    @Test
    void anUpgradeWithoutProrationsOpensTheProAreaAndTheRenewalBillsProAlone() throws Exception {
        portalBillsSwitches(ProrationBehavior.NONE);
        OnAClock basic = basicSubscriberOnAClock();
        String firstInvoice = latestInvoice(basic.subscriber()).getId();
        advance(basic.clock(), basic.start().plus(Duration.ofDays(10)));

        stage.inPortal(stage.openPortal(basic.user()), basic.subscriber().subscriptionId(), "switch",
                StripeEvents.PRO_PRICE);
        stage.awaitDeliveries();

        assertTrue(pendingItems(basic.subscriber()).isEmpty(), "no prorations");
        assertEquals(firstInvoice, latestInvoice(basic.subscriber()).getId(), "nothing invoiced now");
        assertEquals("pro", rows.requireEntitlement(basic.user()).plan());
        assertEquals("let in", awaitProArea(basic.browser(), "let in"));

        advance(basic.clock(), Instant.ofEpochSecond(basic.periodEnd()).plus(Duration.ofHours(1)));
        Invoice renewal = latestInvoice(basic.subscriber());
        assertEquals("subscription_cycle", renewal.getBillingReason());
        assertEquals(PRO_AMOUNT, renewal.getAmountPaid(), "Pro's price alone");
        assertEquals("pro", rows.requireEntitlement(basic.user()).plan());
        assertEquals("let in", proArea(basic.browser()));
    }

    /** Sets the account's default portal configuration, which Tollgate's portal sessions use, to bill so. */
    private void portalBillsSwitches(ProrationBehavior behavior) throws Exception {
        Configuration defaults = stage.stripe().v1().billingPortal().configurations().list(
                ConfigurationListParams.builder().setIsDefault(true).build()).getData().get(0);
        stage.stripe().v1().billingPortal().configurations().update(defaults.getId(),
                ConfigurationUpdateParams.builder().setFeatures(ConfigurationUpdateParams.Features.builder()
                        .setSubscriptionUpdate(ConfigurationUpdateParams.Features.SubscriptionUpdate.builder()
                                .setEnabled(true).setProrationBehavior(behavior).build()).build()).build());
    }

    /** A Basic subscriber, the moment their test clock started, the first period's end, their signed-in browser. */
    private record OnAClock(String user, TestClock clock, Instant start, Subscriber subscriber, long periodEnd,
                            Shopper browser) {
    }

    private OnAClock basicSubscriberOnAClock() throws Exception {
        return basicSubscriberOnAClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private OnAClock basicSubscriberOnAClock(Instant start) throws Exception {
        String user = newStageUser("proration");
        TestClock clock = stage.testClockAt(start, user);
        Subscriber subscriber = stage.subscribe(user, BASIC_PRICE, CARD, clock.getId());
        Subscription subscription = stage.stripe().v1().subscriptions().retrieve(subscriber.subscriptionId());
        return new OnAClock(user, clock, start, subscriber,
                subscription.getItems().getData().get(0).getCurrentPeriodEnd(),
                Shopper.signedIn(user, user, stage.appUrl()));
    }

    /** Makes the subscription's later charges fail, as a card that stops working does (Stripe's test method). */
    private void failLaterCharges(Subscriber subscriber) throws Exception {
        PaymentMethod failing = stage.stripe().v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(subscriber.customerId()).build());
        stage.stripe().v1().subscriptions().update(subscriber.subscriptionId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(failing.getId()).build());
        stage.awaitDeliveries();
    }

    private void advance(TestClock clock, Instant to) throws Exception {
        stage.stripe().v1().testHelpers().testClocks().advance(clock.getId(), TestClockAdvanceParams.builder()
                .setFrozenTime(to.getEpochSecond()).build());
        stage.awaitDeliveries();
    }

    private Invoice latestInvoice(Subscriber subscriber) throws Exception {
        return stage.stripe().v1().invoices().list(InvoiceListParams.builder()
                .setSubscription(subscriber.subscriptionId()).build()).getData().get(0);
    }

    private List<InvoiceItem> pendingItems(Subscriber subscriber) throws Exception {
        return stage.stripe().v1().invoiceItems().list(InvoiceItemListParams.builder()
                .setCustomer(subscriber.customerId()).setPending(true).build()).getData();
    }
}
