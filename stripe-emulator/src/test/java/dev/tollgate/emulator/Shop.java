package dev.tollgate.emulator;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a test's "app" does against the emulator with stripe-java: customers, checkout, paying on the page. */
final class Shop {
    final StripeClient stripe;
    final Browser browser = new Browser();

    Shop(StripeEmulator emulator) {
        this.stripe = StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(2).build();
    }

    String customer(String email, String testClock) throws StripeException {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder().setEmail(email);
        if (testClock != null) {
            params.setTestClock(testClock);
        }
        return stripe.v1().customers().create(params.build()).getId();
    }

    Session proSession(String customerId, UnaryOperator<SessionCreateParams.Builder> extra) throws StripeException {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId("alice")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_pro_monthly").setQuantity(1L)
                        .build())
                .setSuccessUrl("http://app.test/billing/return?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl("http://app.test/pricing");
        return stripe.v1().checkout().sessions().create(extra.apply(params).build());
    }

    HttpResponse<String> pay(Session session, String card) throws Exception {
        return browser.submit(session.getUrl(), Map.of("card_number", card));
    }

    /** Subscribes a new customer (on the test clock, if any) and returns the subscription. */
    Subscription subscribe(String card, String testClock) throws Exception {
        return subscribe(card, testClock, params -> params);
    }

    Subscription subscribe(String card, String testClock, UnaryOperator<SessionCreateParams.Builder> extra)
            throws Exception {
        Session session = proSession(customer("alice@example.com", testClock), extra);
        HttpResponse<String> paid = pay(session, card);
        if (paid.statusCode() != 303) {
            throw new AssertionError("payment with " + card + " answered " + paid.statusCode() + ": " + paid.body());
        }
        String id = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        return stripe.v1().subscriptions().retrieve(id);
    }

    Subscription reload(Subscription subscription) throws StripeException {
        return stripe.v1().subscriptions().retrieve(subscription.getId());
    }

    static long periodEnd(Subscription subscription) {
        return subscription.getItems().getData().get(0).getCurrentPeriodEnd();
    }

    static long periodStart(Subscription subscription) {
        return subscription.getItems().getData().get(0).getCurrentPeriodStart();
    }

    /** Every event, oldest first (as many as the list gives over its 30-day window). */
    List<Event> events() throws StripeException {
        List<Event> events = new ArrayList<>();
        for (Event event : stripe.v1().events().list(EventListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            events.add(event);
        }
        Collections.reverse(events);
        return events;
    }

    List<String> eventTypesAfter(String eventId) throws StripeException {
        List<String> types = new ArrayList<>();
        boolean after = eventId == null;
        for (Event event : events()) {
            if (after) {
                types.add(event.getType());
            }
            after = after || event.getId().equals(eventId);
        }
        return types;
    }

    String lastEventId() throws StripeException {
        List<Event> events = events();
        return events.isEmpty() ? null : events.get(events.size() - 1).getId();
    }
}
