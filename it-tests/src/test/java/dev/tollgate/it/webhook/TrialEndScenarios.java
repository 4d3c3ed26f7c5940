package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.SubscriptionUpdateParams;
import dev.tollgate.demo.DemoOptions;
import dev.tollgate.it.Shopper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A trial's end on the emulator's test clock, through the unchanged WAR's checkout, Stripe's signed webhooks and
 * the sample app's gate on {@code /pro/}: a trial without a card ends as Stripe ends it ({@code trial_settings.
 * end_behavior.missing_payment_method = cancel}: {@code customer.subscription.deleted} when the clock passes the
 * trial's end) and the gate refuses from the first request that starts a staleness bound after the webhook was
 * committed; the same trial with a card added meanwhile continues to {@code active}, as a trial with a card does,
 * each with a paid invoice, whether the card comes through the API or the user adds it in the customer portal.
 * The trial's end is 14 days off in real time, so only the webhook can close the door.
 * The subclasses pick the database.
 */
abstract class TrialEndScenarios extends StageScenarios {

    private static final String NO_CARD = "";
    private static final String CARD = "4242 4242 4242 4242";
    private static final String PRO_PRICE = StripeEvents.PRO_PRICE;
    private static final String BASIC_PRICE = "price_basic_monthly";
    /** The gate's default PAYMENTS_STALENESS_MS: the README's bound for a change made in another webapp. */
    private static final Duration STALENESS_BOUND = Duration.ofMillis(1000);
    /** What a loaded two-core machine may add to one request's start. */
    private static final Duration REQUEST_SLACK = Duration.ofMillis(250);

    @Override
    DemoOptions configure(DemoOptions options) {
        return options.withSetting("PAYMENTS_PLANS", "pro=" + PRO_PRICE + ";basic=" + BASIC_PRICE
                + ";trial:pro=14,without_card;trial:basic=7");
    }

    @Test
    void aTrialWithoutACardEndsOnTheTestClockAndTheGateRefusesWithinItsStalenessBound() throws Exception {
        String user = newStageUser("trialend");
        TestClock clock = clockAtNow(user);
        Trial trial = startTrial(user, PRO_PRICE, NO_CARD, clock);
        assertNull(trial.subscription().getDefaultPaymentMethod(), "no card was asked for");
        assertEquals("cancel", trial.subscription().getTrialSettings().getEndBehavior().getMissingPaymentMethod());
        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        assertEquals("let in", proArea(browser), "the trial grants pro");
        assertEquals("trialing", rows.requireEntitlement(user).status());

        stage.advanceTestClock(clock, Duration.ofDays(15));
        Instant committed = Instant.now(); // every delivery of the clock's events has been answered by now

        Subscription ended = stage.stripe().v1().subscriptions().retrieve(trial.subscription().getId());
        assertEquals("canceled", ended.getStatus(), "Stripe ends a trial without a card when told to cancel");
        assertEquals(trial.subscription().getTrialEnd(), ended.getEndedAt(), "at the trial's end");
        assertEquals("canceled", rows.requireEntitlement(user).status(), "the webhook ended the entitlement");
        assertEquals("to pricing", awaitRefusal(browser, committed));
        assertTrue(invoicesOf(trial.customerId()).stream().noneMatch(invoice -> invoice.getAmountPaid() > 0),
                "nothing was charged");
    }

    @Test
    void aTrialWithoutACardWhoseUserAddsOneContinuesToActiveAndPays() throws Exception {
        String user = newStageUser("trialend");
        TestClock clock = clockAtNow(user);
        Trial trial = startTrial(user, PRO_PRICE, NO_CARD, clock);
        String card = stage.stripe().v1().paymentMethods().attach("pm_card_visa",
                PaymentMethodAttachParams.builder().setCustomer(trial.customerId()).build()).getId();
        stage.stripe().v1().subscriptions().update(trial.subscription().getId(),
                SubscriptionUpdateParams.builder().setDefaultPaymentMethod(card).build());

        stage.advanceTestClock(clock, Duration.ofDays(15));

        assertConverted(user, trial, 2900L);
    }

    /**
     * The same trial, but the user adds the card themselves in Stripe's customer portal (the WAR's "Manage billing",
     * then the emulator's portal page): at the trial's end the subscription converts to {@code active} with Pro's
     * first charge, and the signed-in browser is let in throughout.
     */
    @Test
    void aTrialWithoutACardWhoseUserAddsOneInThePortalContinuesToActiveAndPays() throws Exception {
        String user = newStageUser("trialend");
        TestClock clock = clockAtNow(user);
        Trial trial = startTrial(user, PRO_PRICE, NO_CARD, clock);
        Shopper browser = Shopper.signedIn(user, user, stage.appUrl());
        assertEquals("let in", proArea(browser), "the trial grants pro");

        URI portal = stage.openPortal(user);
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(portal + "/payment_methods"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=4242+4242+4242+4242&exp=12+%2F+34&cvc=123"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, added.statusCode(), added.body());
        stage.awaitDeliveries();
        assertTrue(stage.stripe().v1().subscriptions().retrieve(trial.subscription().getId())
                .getDefaultPaymentMethod() != null, "the portal's card is the subscription's now");

        stage.advanceTestClock(clock, Duration.ofDays(15));

        assertConverted(user, trial, 2900L);
        assertEquals("let in", proArea(browser), "access continues past the trial");
    }

    @Test
    void aTrialWithACardConvertsToActiveWithAPaidInvoice() throws Exception {
        String user = newStageUser("trialend");
        TestClock clock = clockAtNow(user);
        Trial trial = startTrial(user, BASIC_PRICE, CARD, clock);
        assertTrue(trial.subscription().getDefaultPaymentMethod() != null, "the card is saved for the first charge");

        stage.advanceTestClock(clock, Duration.ofDays(8));

        assertConverted(user, trial, null);
    }

    /** The subscription went on past the trial's end: active, a paid invoice, the entitlement active for a period. */
    private void assertConverted(String user, Trial trial, Long expectedAmount) throws Exception {
        Subscription after = stage.stripe().v1().subscriptions().retrieve(trial.subscription().getId());
        assertEquals("active", after.getStatus());
        List<Invoice> paid = invoicesOf(trial.customerId()).stream()
                .filter(invoice -> "paid".equals(invoice.getStatus()) && invoice.getAmountPaid() > 0).toList();
        assertEquals(1, paid.size(), "the first charge, at the trial's end: " + paid);
        if (expectedAmount != null) {
            assertEquals(expectedAmount, paid.get(0).getAmountPaid());
        }
        Rows.Entitlement entitlement = rows.requireEntitlement(user);
        assertEquals("active", entitlement.status());
        assertTrue(entitlement.accessUntil().toInstant().isAfter(Instant.ofEpochSecond(trial.subscription()
                .getTrialEnd()).plus(Duration.ofDays(27))), "a paid month after the trial: " + entitlement);
    }

    /** A trial started through the WAR's checkout by a user whose customer lives on {@code clock}. */
    private record Trial(String customerId, Subscription subscription) {
    }

    private Trial startTrial(String user, String price, String card, TestClock clock) throws Exception {
        String customer = stage.stripe().v1().customers().create(CustomerCreateParams.builder()
                .setEmail(user + "@example.com").setTestClock(clock.getId()).build()).getId();
        rows.insertAccount(user, customer);
        URI returnPage = stage.pay(stage.startCheckout(user, price), card);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());
        stage.awaitDeliveries();
        var checkout = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(returnPage));
        assertEquals(customer, checkout.getCustomer(), "the WAR checked out the user's customer on the clock");
        assertEquals(0L, checkout.getAmountTotal(), "nothing due today");
        Subscription subscription = stage.stripe().v1().subscriptions().retrieve(checkout.getSubscription());
        assertEquals("trialing", subscription.getStatus());
        return new Trial(customer, subscription);
    }

    private TestClock clockAtNow(String user) throws Exception {
        return stage.testClockAt(Instant.now(), user + "-" + UUID.randomUUID());
    }

    private List<Invoice> invoicesOf(String customer) throws Exception {
        return stage.stripe().v1().invoices().list(InvoiceListParams.builder().setCustomer(customer).build())
                .getData();
    }

    /**
     * Asks for the pro area until refused: every request that starts later than the staleness bound after the
     * commit must be refused (a change made in the payments WAR reaches another webapp's gate that late at most).
     * Returns the refusal, after three more requests that are refused as well.
     */
    private String awaitRefusal(Shopper browser, Instant committed) throws Exception {
        Instant latestLetIn = committed.plus(STALENESS_BOUND).plus(REQUEST_SLACK);
        List<String> seen = new ArrayList<>();
        while (true) {
            Instant asked = Instant.now();
            String decision = proArea(browser);
            seen.add(decision + " at +" + Duration.between(committed, asked).toMillis() + " ms");
            if (!"let in".equals(decision)) {
                for (int again = 0; again < 3; again++) {
                    assertEquals(decision, proArea(browser), "refused for good: " + seen);
                }
                return decision;
            }
            assertTrue(asked.isBefore(latestLetIn), "let in after the bound: " + seen);
            Thread.sleep(50); // the pace of a user clicking; each loop observes the gate's answer
        }
    }
}
