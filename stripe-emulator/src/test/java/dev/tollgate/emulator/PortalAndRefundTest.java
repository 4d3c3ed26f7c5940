package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The billing portal page, subscription cancellation through the API, and refunds of one-time payments. */
class PortalAndRefundTest extends EmulatorTest {
    private final Browser browser = new Browser();

    private Session paidSession(String customerId, String price, SessionCreateParams.Mode mode) throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder().setMode(mode)
                .setCustomer(customerId).setSuccessUrl("http://app.test/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .build());
        HttpResponse<String> paid = browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242"));
        assertEquals(303, paid.statusCode(), paid.body());
        return stripe.v1().checkout().sessions().retrieve(session.getId());
    }

    private Customer customer() throws Exception {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("bob@example.com").build());
    }

    @Test
    void thePortalPageCancelsAtPeriodEndAndThenAtOnce() throws Exception {
        Customer bob = customer();
        String subscriptionId = paidSession(bob.getId(), "price_basic_monthly",
                SessionCreateParams.Mode.SUBSCRIPTION).getSubscription();
        com.stripe.model.billingportal.Session portal = stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(bob.getId())
                        .setReturnUrl("http://app.test/account").build());
        assertTrue(portal.getUrl().startsWith(emulator.baseUrl() + "/portal/"), portal.getUrl());

        HttpResponse<String> page = browser.get(portal.getUrl());
        assertTrue(page.body().contains(subscriptionId) && page.body().contains("Renews on"), page.body());

        String action = portal.getUrl() + "/subscriptions/" + subscriptionId;
        assertEquals(303, browser.submit(action, Map.of("action", "cancel_at_period_end")).statusCode());
        Subscription ending = stripe.v1().subscriptions().retrieve(subscriptionId);
        assertTrue(ending.getCancelAtPeriodEnd());
        assertEquals("active", ending.getStatus());
        assertEquals(ending.getItems().getData().get(0).getCurrentPeriodEnd(), ending.getCancelAt());
        Event updated = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.subscription.updated").build()).getData().get(0);
        assertEquals(false, updated.getData().getPreviousAttributes().get("cancel_at_period_end"));

        assertEquals(303, browser.submit(action, Map.of("action", "cancel_now")).statusCode());
        assertEquals("canceled", stripe.v1().subscriptions().retrieve(subscriptionId).getStatus());
        assertTrue(browser.get(portal.getUrl()).body().contains("no active subscriptions"));
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("customer.subscription.deleted", "entitlements.active_entitlement_summary.updated"),
                types.subList(types.size() - 2, types.size()));
    }

    @Test
    void thePortalPageSwitchesAPlanAtOnceKeepingItsItemAndPeriod() throws Exception {
        Customer bob = customer();
        String subscriptionId = paidSession(bob.getId(), "price_basic_monthly",
                SessionCreateParams.Mode.SUBSCRIPTION).getSubscription();
        SubscriptionItem basic = stripe.v1().subscriptions().retrieve(subscriptionId).getItems().getData().get(0);
        String portal = stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(bob.getId()).build())
                .getUrl();
        String page = browser.get(portal).body();
        assertTrue(page.contains("Switch to Pro monthly") && !page.contains("Switch to Basic monthly")
                && !page.contains("Switch to 100 credits"), "another recurring price only: " + page);

        String action = portal + "/subscriptions/" + subscriptionId;
        assertEquals(303, browser.submit(action, Map.of("action", "switch", "price", "price_pro_monthly"))
                .statusCode());

        SubscriptionItem pro = stripe.v1().subscriptions().retrieve(subscriptionId).getItems().getData().get(0);
        assertEquals("price_pro_monthly", pro.getPrice().getId());
        assertEquals("price_pro_monthly", pro.getPlan().getId());
        assertEquals(basic.getId(), pro.getId(), "the same item");
        assertEquals(basic.getCurrentPeriodEnd(), pro.getCurrentPeriodEnd(), "the same period");
        Event updated = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.subscription.updated").build()).getData().get(0);
        assertTrue(updated.getData().getPreviousAttributes().containsKey("items"), "the old items are reported");
        assertEquals(List.of("courses", "reports"), activeFeatures(bob.getId()), "Pro's features at once");
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("customer.subscription.updated", "entitlements.active_entitlement_summary.updated"),
                types.subList(types.size() - 2, types.size()));

        HttpResponse<String> refused = browser.submit(action, Map.of("action", "switch",
                "price", "price_credits_100"));
        assertEquals(400, refused.statusCode(), "a one-time price is no plan to switch to");
        assertEquals("price_pro_monthly", stripe.v1().subscriptions().retrieve(subscriptionId).getItems()
                .getData().get(0).getPrice().getId());
    }

    private List<String> activeFeatures(String customerId) throws Exception {
        return stripe.v1().entitlements().activeEntitlements().list(
                        com.stripe.param.entitlements.ActiveEntitlementListParams.builder().setCustomer(customerId)
                                .build())
                .getData().stream().map(entitlement -> entitlement.getLookupKey()).sorted().toList();
    }

    @Test
    void theApiCancelsAtPeriodEndAndDeletesSubscriptions() throws Exception {
        Customer bob = customer();
        String subscriptionId = paidSession(bob.getId(), "price_pro_monthly",
                SessionCreateParams.Mode.SUBSCRIPTION).getSubscription();

        Subscription ending = stripe.v1().subscriptions().update(subscriptionId,
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
        assertTrue(ending.getCancelAtPeriodEnd());

        Subscription canceled = stripe.v1().subscriptions().cancel(subscriptionId);
        assertEquals("canceled", canceled.getStatus());
        assertNotNull(canceled.getEndedAt());
        assertTrue(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(bob.getId())
                .build()).getData().isEmpty(), "the default list leaves canceled subscriptions out");
        assertEquals(1, stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(bob.getId())
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData().size());
    }

    @Test
    void aOneTimePaymentCanBeRefunded() throws Exception {
        Customer bob = customer();
        Session session = paidSession(bob.getId(), "price_credits_100",
                SessionCreateParams.Mode.PAYMENT);
        assertEquals("paid", session.getPaymentStatus());
        assertNotNull(session.getPaymentIntent());

        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder()
                .setPaymentIntent(session.getPaymentIntent()).build());
        assertEquals(1000L, refund.getAmount());
        assertEquals("succeeded", refund.getStatus());

        Charge charge = stripe.v1().charges().retrieve(refund.getCharge());
        assertTrue(charge.getRefunded());
        assertEquals(1000L, charge.getAmountRefunded());
        List<String> types = emulator.eventTypes();
        assertEquals(List.of("charge.refunded", "refund.created"), types.subList(types.size() - 2, types.size()));
    }
}
