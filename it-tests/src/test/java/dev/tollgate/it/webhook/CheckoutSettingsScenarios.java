package dev.tollgate.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import dev.tollgate.demo.DemoOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What the catalog and the settings add to a Checkout Session, through the unchanged WAR and the emulator: each
 * plan's free trial ({@code trial:pro=7} with a card, {@code trial:basic=14,without_card} without), for a user's
 * first subscription only, and promotion codes, Stripe Tax and tax ID collection switched on by
 * {@code PAYMENTS_ALLOW_PROMOTION_CODES}, {@code PAYMENTS_AUTOMATIC_TAX} and {@code PAYMENTS_TAX_ID_COLLECTION}.
 * The subclasses pick the database.
 */
abstract class CheckoutSettingsScenarios extends CountedCallsScenarios {

    private static final String BASIC_PRICE = "price_basic_monthly";
    private static final String CARD = "4242 4242 4242 4242";
    /** Typed on the page when Checkout asks for no card. */
    private static final String NO_CARD = "";

    @Override
    DemoOptions configure(DemoOptions options) {
        return super.configure(options)
                .withSetting("PAYMENTS_PLANS", "pro=" + StripeEvents.PRO_PRICE + ";basic=" + BASIC_PRICE
                        + ";trial:pro=7;trial:basic=14,without_card")
                .withSetting("PAYMENTS_ALLOW_PROMOTION_CODES", "true")
                .withSetting("PAYMENTS_AUTOMATIC_TAX", "true")
                .withSetting("PAYMENTS_TAX_ID_COLLECTION", "true");
    }

    /**
     * Pro's seven days with a card: nothing is charged at Checkout, the subscription is {@code trialing} with the
     * card saved for the first charge, and the return page grants Pro until the trial ends.
     */
    @Test
    void aTrialWithACardGrantsThePlanUntilTheTrialEnds() throws Exception {
        String user = newStageUser("trial");
        URI checkoutPage = stage.startCheckout(user, StripeEvents.PRO_PRICE);
        Instant started = Instant.now();
        URI returnPage = stage.pay(checkoutPage, CARD);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());

        Session session = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(returnPage));
        assertEquals("always", session.getPaymentMethodCollection());
        assertEquals(0L, session.getAmountTotal(), "nothing due today");
        Subscription subscription = stage.stripe().v1().subscriptions().retrieve(session.getSubscription());
        assertEquals("trialing", subscription.getStatus());
        assertTrue(subscription.getDefaultPaymentMethod() != null, "the card is saved for the first charge");
        Instant trialEnd = Instant.ofEpochSecond(subscription.getTrialEnd());
        assertTrue(Duration.between(started, trialEnd).minus(Duration.ofDays(7)).abs().getSeconds() < 120,
                "seven days: " + trialEnd);
        Rows.Entitlement granted = rows.requireEntitlement(user);
        assertEquals("pro", granted.plan());
        assertEquals("trialing", granted.status());
        assertEquals(OffsetDateTime.ofInstant(trialEnd, ZoneOffset.UTC),
                granted.accessUntil().withOffsetSameInstant(ZoneOffset.UTC), "access until the trial ends");
    }

    /**
     * Basic's fourteen days without a card: Checkout asks for none, and the subscription, trialing without a
     * payment method, is set to be canceled when the trial ends unless a card is added meanwhile.
     */
    @Test
    void aTrialWithoutACardAsksForNoneAndEndsUnlessOneIsAdded() throws Exception {
        String user = newStageUser("trial");
        URI returnPage = stage.pay(stage.startCheckout(user, BASIC_PRICE), NO_CARD);
        assertEquals(303, stage.loadReturnPage(returnPage, user).statusCode());

        Session session = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(returnPage));
        assertEquals("if_required", session.getPaymentMethodCollection());
        Subscription subscription = stage.stripe().v1().subscriptions().retrieve(session.getSubscription());
        assertEquals("trialing", subscription.getStatus());
        assertNull(subscription.getDefaultPaymentMethod(), "no card was asked for");
        assertEquals("cancel", subscription.getTrialSettings().getEndBehavior().getMissingPaymentMethod());
        assertEquals("basic", rows.requireEntitlement(user).plan());
        assertTrue(rows.requireEntitlement(user).grantsAccessNow());
    }

    /** A user whose subscription ended buys the plan again: paid at once, no second trial. */
    @Test
    void aFormerSubscriberGetsNoSecondTrial() throws Exception {
        String user = newStageUser("trial");
        URI first = stage.pay(stage.startCheckout(user, StripeEvents.PRO_PRICE), CARD);
        assertEquals(303, stage.loadReturnPage(first, user).statusCode());
        String firstSubscription = stage.stripe().v1().checkout().sessions()
                .retrieve(WebhookStage.checkoutOf(first)).getSubscription();
        stage.stripe().v1().subscriptions().cancel(firstSubscription);
        stage.awaitDeliveries();

        URI again = stage.pay(stage.startCheckout(user, StripeEvents.PRO_PRICE), CARD);
        assertEquals(303, stage.loadReturnPage(again, user).statusCode());

        Session session = stage.stripe().v1().checkout().sessions().retrieve(WebhookStage.checkoutOf(again));
        assertEquals(2900L, session.getAmountTotal(), "charged at once");
        assertEquals("active", stage.stripe().v1().subscriptions().retrieve(session.getSubscription()).getStatus());
        assertEquals("active", rows.requireEntitlement(user).status());
    }

    /**
     * With the three settings on, the Checkout Session offers promotion codes, has Stripe Tax compute the tax and
     * lets a business give its tax ID, and may save the address and name it asks for on the user's customer, as
     * Stripe requires for an existing customer (the emulator refuses the session otherwise).
     */
    @Test
    void promotionCodesTaxAndTaxIdsAreOfferedAsConfigured() throws Exception {
        String user = newStageUser("trial");
        URI checkoutPage = stage.startCheckout(user, StripeEvents.PRO_PRICE);

        Session session = stage.stripe().v1().checkout().sessions().retrieve(
                checkoutPage.getPath().substring(checkoutPage.getPath().lastIndexOf('/') + 1));
        assertTrue(session.getAllowPromotionCodes());
        assertTrue(session.getAutomaticTax().getEnabled());
        assertTrue(session.getTaxIdCollection().getEnabled());
    }
}
