package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoiceRetrieveParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscribe flow end to end: stripe-java against a started emulator, the hosted page over HTTP, webhooks. */
class SubscriptionCheckoutTest {
    private static final List<String> PURCHASE_EVENTS = List.of("customer.subscription.created",
            // Pro grants features (the default catalog's "courses" and "reports"), so entitlements follow at once.
            "entitlements.active_entitlement_summary.updated", "invoice.created",
            "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded",
            "charge.succeeded", "checkout.session.completed");

    private WebhookReceiver receiver;
    private StripeEmulator emulator;
    private StripeClient stripe;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        emulator = StripeEmulator.builder().port(0).webhookEndpoint(receiver.url()).build().start();
        stripe = StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(2).build();
    }

    @AfterEach
    void stop() {
        emulator.stop();
        receiver.close();
    }

    private Customer createAlice(String idempotencyKey) throws StripeException {
        return stripe.v1().customers().create(
                CustomerCreateParams.builder().setEmail("alice@example.com").putMetadata("user", "alice").build(),
                RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
    }

    private Session createProSession(String customerId) throws StripeException {
        String priceId = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("pro_monthly").build())
                .getData().get(0).getId();
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId("alice")
                .putMetadata("user", "alice")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                .setSuccessUrl("http://app.test/billing/return?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl("http://app.test/pricing")
                .build());
    }

    @Test
    void sameIdempotencyKeyGivesTheSameCustomerAndOtherParametersAreRefused() throws Exception {
        Customer first = createAlice("customer:alice");
        Customer second = createAlice("customer:alice");

        assertEquals(first.getId(), second.getId());
        assertEquals("alice@example.com", second.getEmail());
        assertEquals(1, stripe.v1().customers().list().getData().size());
        assertThrows(IdempotencyException.class, () -> stripe.v1().customers().create(
                CustomerCreateParams.builder().setEmail("bob@example.com").build(),
                RequestOptions.builder().setIdempotencyKey("customer:alice").build()));
    }

    @Test
    void pricesAreFoundByLookupKey() throws Exception {
        List<Price> prices = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("pro_monthly")
                .addLookupKey("credits_100").build()).getData();

        assertEquals(List.of("price_credits_100", "price_pro_monthly"),
                prices.stream().map(Price::getId).sorted().toList());
        Price pro = prices.stream().filter(p -> p.getId().equals("price_pro_monthly")).findFirst().orElseThrow();
        assertEquals(2900L, pro.getUnitAmount());
        assertEquals("month", pro.getRecurring().getInterval());
    }

    @Test
    void payingWith4242CreatesAnActiveSubscriptionAndRedirectsToTheSuccessUrl() throws Exception {
        Customer alice = createAlice("customer:alice");
        Session session = createProSession(alice.getId());
        assertEquals("open", session.getStatus());
        assertEquals("unpaid", session.getPaymentStatus());
        assertTrue(session.getUrl().startsWith(emulator.baseUrl() + "/checkout/cs_test_"), session.getUrl());

        HttpResponse<String> page = browser.get(session.getUrl());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Pro") && page.body().contains("$29.00"), page.body());

        HttpResponse<String> paid = browser.submit(session.getUrl(), Map.of("card_number", "4242 4242 4242 4242"));
        assertEquals(303, paid.statusCode());
        assertEquals("http://app.test/billing/return?session_id=" + session.getId(),
                paid.headers().firstValue("Location").orElseThrow());

        Session completed = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertEquals("complete", completed.getStatus());
        assertEquals("paid", completed.getPaymentStatus());
        assertEquals(alice.getId(), completed.getCustomer());
        assertEquals("alice", completed.getClientReferenceId());
        assertEquals("alice", completed.getMetadata().get("user"));
        assertNotNull(completed.getSubscription());

        List<Subscription> subscriptions = stripe.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(alice.getId()).build()).getData();
        assertEquals(1, subscriptions.size());
        Subscription subscription = subscriptions.get(0);
        assertEquals(completed.getSubscription(), subscription.getId());
        assertEquals("active", subscription.getStatus());
        SubscriptionItem item = subscription.getItems().getData().get(0);
        assertEquals("price_pro_monthly", item.getPrice().getId());
        long periodDays = Duration.ofSeconds(item.getCurrentPeriodEnd() - item.getCurrentPeriodStart()).toDays();
        assertTrue(periodDays >= 28 && periodDays <= 31, "a month-long period, was " + periodDays + " days");

        List<Invoice> invoices = stripe.v1().invoices().list(
                InvoiceListParams.builder().setSubscription(subscription.getId()).build()).getData();
        assertEquals(1, invoices.size());
        assertEquals("paid", invoices.get(0).getStatus());
        assertEquals(2900L, invoices.get(0).getAmountPaid());
        assertEquals(subscription.getId(), invoices.get(0).getParent().getSubscriptionDetails().getSubscription());
        assertNull(invoices.get(0).getPayments(), "payments only when expanded, as on Stripe");
        Invoice withPayments = stripe.v1().invoices().retrieve(invoices.get(0).getId(),
                InvoiceRetrieveParams.builder().addExpand("payments").build());
        assertNotNull(withPayments.getPayments().getData().get(0).getPayment().getPaymentIntent());
    }

    @Test
    void eventsAreRecordedInStripesOrderAndDeliveredSigned() throws Exception {
        Customer alice = createAlice("customer:alice");
        Session session = createProSession(alice.getId());
        browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242"));

        List<Event> newestFirst = stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData();
        List<String> types = new ArrayList<>(newestFirst.stream().map(Event::getType).toList());
        Collections.reverse(types);
        List<String> expected = new ArrayList<>(List.of("customer.created"));
        expected.addAll(PURCHASE_EVENTS);
        assertEquals(expected, types);
        for (Event event : newestFirst) {
            assertEquals(Stripe.API_VERSION, event.getApiVersion());
            assertFalse(event.getLivemode());
            assertNotNull(event.getCreated());
        }

        assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)), "deliveries did not finish");
        List<WebhookReceiver.Delivery> received = receiver.received();
        assertEquals(expected.size(), received.size());
        List<String> deliveredTypes = new ArrayList<>();
        for (WebhookReceiver.Delivery delivery : received) {
            assertTrue(delivery.contentType().startsWith("application/json"), delivery.contentType());
            Event event = Webhook.constructEvent(delivery.body(), delivery.signature(), emulator.webhookSecret());
            Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
            assertTrue(object.isPresent(), "payload of " + event.getType() + " readable at the pinned API version");
            deliveredTypes.add(event.getType());
            if (event.getType().equals("checkout.session.completed")) {
                Session delivered = (Session) object.get();
                assertEquals(session.getId(), delivered.getId());
                assertEquals("alice", delivered.getClientReferenceId());
                assertNotNull(delivered.getSubscription());
            }
        }
        assertEquals(expected, deliveredTypes);
    }

    @Test
    void aDeclinedCardLeavesTheSessionOpenAndCreatesNoSubscription() throws Exception {
        Customer alice = createAlice("customer:alice");
        Session session = createProSession(alice.getId());

        HttpResponse<String> declined = browser.submit(session.getUrl(),
                Map.of("card_number", "4000 0000 0000 0002"));

        assertEquals(402, declined.statusCode());
        assertTrue(declined.body().contains("Your card was declined."), declined.body());
        assertEquals("open", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
        StripeCollection<Subscription> subscriptions = stripe.v1().subscriptions().list(
                SubscriptionListParams.builder().setCustomer(alice.getId())
                        .setStatus(SubscriptionListParams.Status.ALL).build());
        assertTrue(subscriptions.getData().isEmpty());
        assertEquals(List.of("customer.created"), emulator.eventTypes());

        HttpResponse<String> paid = browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242"));
        assertEquals(303, paid.statusCode(), "the same session can still be paid with a good card");
    }
}
