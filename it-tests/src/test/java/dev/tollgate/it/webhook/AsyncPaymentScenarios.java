package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.emulator.CheckoutForm;
import dev.tollgate.emulator.billing.DelayedSettlements;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One-time purchases paid with a delayed-notification method (the emulator's SEPA Direct Debit test IBANs, typed
 * where a card number goes): Checkout completes unpaid, the bank answers {@link DelayedSettlements#DELAY_SECONDS}
 * later on the customer's test clock. Until then the return page says the payment is processing (202, no error)
 * and grants nothing; {@code checkout.session.async_payment_succeeded} grants the pack or the plan once;
 * {@code …_failed} grants nothing, and the return page then says why. A subscription paid so is active at once
 * (Stripe's state) and loses access when the bank refuses its first debit. The subclasses pick the database.
 */
abstract class AsyncPaymentScenarios extends StageScenarios {

    static final String DEBIT_SUCCEEDS = "DE89370400440532013000";
    static final String DEBIT_FAILS = "DE62370400440532013001";
    static final String PACK_PRICE = "price_credits_100";
    static final String LIFETIME_PRICE = "price_pro_lifetime";
    static final String PRO_PRICE = "price_pro_monthly";

    @Override
    DemoOptions configure(DemoOptions options) {
        return options.withSetting("PAYMENTS_PLANS", WebhookStage.writePlanFile("""
                plan.pro.prices=price_pro_monthly
                plan.lifetime.prices=price_pro_lifetime
                plan.lifetime.includes=pro
                plan.lifetime.duration=forever
                credits.hundred.prices=price_credits_100
                credits.hundred.amount=100
                """).toString());
    }

    @Test
    void aPackPaidByDebitIsProcessingUntilTheBankSaysYesThenCreditedOnce() throws Exception {
        String buyer = newStageUser("debit");
        Bought bought = buyOnAClock(buyer, PACK_PRICE, Map.of("tollgate_credits", "100"), DEBIT_SUCCEEDS);

        HttpResponse<String> processing = stage.loadReturnPage(bought.returnPage(), buyer);
        assertEquals(202, processing.statusCode(), processing.body());
        assertTrue(processing.body().contains("Your payment is processing"), processing.body());
        stage.awaitDeliveries();
        assertEquals(0, rows.credits(buyer), "nothing before the bank's answer");
        assertEquals(List.of(), rows.creditLedger(buyer));
        assertEquals("ignored", statusOf("checkout.session.completed", bought.checkout()));

        stage.advanceTestClock(bought.clock(), Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("processed", statusOf("checkout.session.async_payment_succeeded", bought.checkout()));
        assertEquals(List.of(new Rows.CreditEntry(bought.checkout(), 100, "checkout")), rows.creditLedger(buyer));
        assertEquals(100, rows.credits(buyer));
        long version = rows.requireEntitlement(buyer).version();
        HttpResponse<String> back = stage.loadReturnPage(bought.returnPage(), buyer);
        assertEquals(303, back.statusCode(), "paid now: " + back.body());
        assertEquals(100, rows.credits(buyer), "credited once");
        assertEquals(version, rows.requireEntitlement(buyer).version());
    }

    @Test
    void aLifetimePlanPaidByDebitIsGrantedWhenTheBankSaysYes() throws Exception {
        String buyer = newStageUser("debitplan");
        Bought bought = buyOnAClock(buyer, LIFETIME_PRICE, Map.of("tollgate_plan", "lifetime"), DEBIT_SUCCEEDS);
        assertEquals(202, stage.loadReturnPage(bought.returnPage(), buyer).statusCode());
        stage.awaitDeliveries();
        assertFalse(rows.entitlement(buyer).map(Rows.Entitlement::grantsAccessNow).orElse(false));
        assertEquals("to pricing", gateDecisionFor(buyer));

        stage.advanceTestClock(bought.clock(), Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("processed", statusOf("checkout.session.async_payment_succeeded", bought.checkout()));
        assertEquals("lifetime", rows.requireEntitlement(buyer).plan());
        assertEquals("let in", gateDecisionFor(buyer));
    }

    @Test
    void aDebitTheBankRefusesGrantsNothingAndTheReturnPageSaysWhy() throws Exception {
        String buyer = newStageUser("refused");
        Bought bought = buyOnAClock(buyer, LIFETIME_PRICE, Map.of("tollgate_plan", "lifetime"), DEBIT_FAILS);
        assertEquals(202, stage.loadReturnPage(bought.returnPage(), buyer).statusCode());

        stage.advanceTestClock(bought.clock(), Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("ignored", statusOf("checkout.session.async_payment_failed", bought.checkout()));
        assertFalse(rows.entitlement(buyer).map(Rows.Entitlement::grantsAccessNow).orElse(false));
        assertEquals("to pricing", gateDecisionFor(buyer));
        HttpResponse<String> failed = stage.loadReturnPage(bought.returnPage(), buyer);
        assertEquals(402, failed.statusCode(), failed.body());
        assertTrue(failed.body().contains("Your payment failed: The customer's bank account has insufficient funds"),
                failed.body());
        assertFalse(rows.entitlement(buyer).map(Rows.Entitlement::grantsAccessNow).orElse(false));
    }

    /**
     * A Pro subscription paid by debit: Stripe makes it {@code active} at once, its first invoice open while the
     * debit is processing, so the return page takes it and the gate lets the subscriber in; the bank's yes pays
     * the invoice and changes nothing for access.
     */
    @Test
    void aSubscriptionPaidByDebitGrantsAccessAtOnceAndKeepsItWhenTheBankSaysYes() throws Exception {
        String buyer = newStageUser("debitsub");
        Bought bought = buyOnAClock(buyer, PRO_PRICE, Map.of(), DEBIT_SUCCEEDS, SessionCreateParams.Mode.SUBSCRIPTION);
        HttpResponse<String> back = stage.loadReturnPage(bought.returnPage(), buyer);
        assertEquals(303, back.statusCode(), "the subscription is active: " + back.body());
        stage.awaitDeliveries();
        assertEquals("pro", rows.requireEntitlement(buyer).plan());
        assertEquals("let in", gateDecisionFor(buyer));
        Subscription subscription = subscriptionOf(bought);
        assertEquals("open", stage.stripe().v1().invoices().retrieve(subscription.getLatestInvoice()).getStatus(),
                "the first invoice waits for the bank");

        stage.advanceTestClock(bought.clock(), Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("paid", stage.stripe().v1().invoices().retrieve(subscription.getLatestInvoice()).getStatus());
        assertEquals("processed", statusOf("checkout.session.async_payment_succeeded", bought.checkout()));
        assertEquals("active", rows.subscription(subscription.getId()).status());
        assertTrue(rows.requireEntitlement(buyer).grantsAccessNow());
        assertEquals("let in", gateDecisionFor(buyer));
    }

    /**
     * The same subscription whose first debit the bank refuses: Stripe turns it {@code past_due} with its first
     * invoice failed. Nothing was ever paid, so no grace applies: from that event on the gate refuses.
     */
    @Test
    void aSubscriptionWhoseFirstDebitTheBankRefusesLosesAccessWithThatEvent() throws Exception {
        String buyer = newStageUser("debitsubno");
        Bought bought = buyOnAClock(buyer, PRO_PRICE, Map.of(), DEBIT_FAILS, SessionCreateParams.Mode.SUBSCRIPTION);
        stage.awaitDeliveries();
        assertEquals("let in", gateDecisionFor(buyer), "active while the debit is processing");
        Subscription subscription = subscriptionOf(bought);

        stage.advanceTestClock(bought.clock(), Duration.ofSeconds(DelayedSettlements.DELAY_SECONDS + 1));

        assertEquals("past_due", rows.subscription(subscription.getId()).status());
        assertEquals("open", stage.stripe().v1().invoices().retrieve(subscription.getLatestInvoice()).getStatus());
        assertFalse(rows.requireEntitlement(buyer).grantsAccessNow(), "no grace for a payment never made");
        assertEquals("ignored", statusOf("checkout.session.async_payment_failed", bought.checkout()));
        assertEquals("to pricing", awaitProArea(Shopper.signedIn(buyer, buyer, stage.appUrl()), "to pricing"));
    }

    /** A purchase paid by debit on a test clock, still waiting for the bank. */
    private record Bought(String checkout, TestClock clock, URI returnPage) {
    }

    /**
     * What {@code POST /billing/checkout} opens for {@code price} (its metadata as the WAR sets it), opened here for
     * a customer on a test clock (the WAR makes customers without one), and paid on the emulator's page with
     * {@code method}. The clock stands that much before now that the bank's answer, once it is advanced, is
     * already in the past: Stripe's events are never dated ahead of the WAR's clock.
     */
    private Bought buyOnAClock(String buyer, String price, Map<String, String> metadata, String method)
            throws Exception {
        return buyOnAClock(buyer, price, metadata, method, SessionCreateParams.Mode.PAYMENT);
    }

    private Bought buyOnAClock(String buyer, String price, Map<String, String> metadata, String method,
                               SessionCreateParams.Mode mode) throws Exception {
        TestClock clock = stage.stripe().v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(stage.emulator().now().getEpochSecond() - DelayedSettlements.DELAY_SECONDS - 30)
                .setName(buyer).build());
        String customer = stage.stripe().v1().customers().create(CustomerCreateParams.builder()
                .setEmail(buyer + "@example.com").setTestClock(clock.getId()).build()).getId();
        rows.insertAccount(buyer, customer);
        Session session = stage.stripe().v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(mode).setCustomer(customer).setClientReferenceId(buyer)
                .putMetadata("tollgate_user", buyer).putAllMetadata(metadata)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSuccessUrl(stage.appUrl().toString()).setCancelUrl(stage.appUrl().toString()).build());
        HttpResponse<String> paid = CheckoutForm.pay(HttpClient.newHttpClient(), URI.create(session.getUrl()),
                method);
        assertEquals(303, paid.statusCode(), paid.body());
        return new Bought(session.getId(), clock, stage.returnPageOf(session.getId()));
    }

    /** How the WAR recorded the emulator's one event of {@code type} about {@code checkout}. */
    private String statusOf(String type, String checkout) throws Exception {
        List<String> ids = stage.emulator().events().stream()
                .filter(event -> type.equals(event.get("type").getAsString()))
                .filter(event -> checkout.equals(event.getAsJsonObject("data").getAsJsonObject("object")
                        .get("id").getAsString()))
                .map(event -> event.get("id").getAsString()).toList();
        assertEquals(1, ids.size(), type + " of " + checkout + ": " + ids);
        return rows.webhookEvent(ids.get(0)).orElseThrow().status();
    }

    private Subscription subscriptionOf(Bought bought) throws Exception {
        return stage.stripe().v1().subscriptions().retrieve(
                stage.stripe().v1().checkout().sessions().retrieve(bought.checkout()).getSubscription());
    }

    private String gateDecisionFor(String user) throws Exception {
        return proArea(Shopper.signedIn(user, user, stage.appUrl()));
    }
}
