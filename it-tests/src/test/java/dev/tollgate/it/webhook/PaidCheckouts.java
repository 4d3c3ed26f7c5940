package dev.tollgate.it.webhook;

import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.tollgate.emulator.CheckoutForm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/**
 * Customers who pay the way Stripe's own do: a customer (on a test clock when given), a Checkout Session paid on
 * the emulator's hosted page with a card. The account row is there first, linked to the customer, and the Checkout
 * is recorded as opened, as after the WAR's {@code POST /billing/checkout}. Whether the WAR hears of the payment is
 * up to the emulator's deliveries.
 */
final class PaidCheckouts {

    /** The card that always pays. */
    static final String PAYING_CARD = "4242 4242 4242 4242";

    private final StripeClient stripe;
    private final HttpClient http;
    private final Rows rows;
    private final URI payments;

    /** @param payments the payments WAR's address; Checkout's success and cancel URLs point below it */
    PaidCheckouts(StripeClient stripe, HttpClient http, Rows rows, URI payments) {
        this.stripe = stripe;
        this.http = http;
        this.rows = rows;
        this.payments = payments;
    }

    /** {@code user} subscribes to {@code price}: a customer of its own, then a paid Checkout in subscription mode. */
    WebhookStage.Subscriber subscribe(String user, String price, String card, String testClock) throws Exception {
        String customerId = newCustomer(user, testClock);
        Session session = pay(session(user, customerId, price, SessionCreateParams.Mode.SUBSCRIPTION).build(), card);
        String subscriptionId = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        if (subscriptionId == null) {
            throw new AssertionError("the checkout of " + user + " for " + price + " made no subscription");
        }
        return new WebhookStage.Subscriber(user, customerId, subscriptionId);
    }

    /**
     * {@code user} buys {@code credits} once through the one-time {@code price}: the paid Checkout Session's id.
     * The session carries the metadata the WAR's {@code POST /billing/checkout} gives a credit pack's session.
     */
    String buyCredits(String user, String price, long credits) throws Exception {
        SessionCreateParams.Builder session = session(user, newCustomer(user, null), price,
                SessionCreateParams.Mode.PAYMENT).putMetadata("tollgate_user", user)
                .putMetadata("tollgate_credits", Long.toString(credits));
        return pay(session.build(), PAYING_CARD).getId();
    }

    private String newCustomer(String user, String testClock) throws Exception {
        CustomerCreateParams.Builder customer = CustomerCreateParams.builder().setEmail(user + "@example.com");
        if (testClock != null) {
            customer.setTestClock(testClock);
        }
        String customerId = stripe.v1().customers().create(customer.build()).getId();
        rows.insertAccount(user, customerId);
        return customerId;
    }

    private SessionCreateParams.Builder session(String user, String customerId, String price,
                                                SessionCreateParams.Mode mode) {
        return SessionCreateParams.builder()
                .setMode(mode)
                .setCustomer(customerId)
                .setClientReferenceId(user)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSuccessUrl(payments + "done?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(payments + "cancelled");
    }

    private Session pay(SessionCreateParams params, String card) throws Exception {
        Session session = stripe.v1().checkout().sessions().create(params);
        String credits = params.getMetadata() == null ? null : params.getMetadata().get("tollgate_credits");
        rows.recordOpenedCheckout(session.getId(), params.getClientReferenceId(), params.getCustomer(),
                params.getMode() == SessionCreateParams.Mode.SUBSCRIPTION, params.getLineItems().get(0).getPrice(),
                credits == null ? "subscription" : "credits:" + credits);
        HttpResponse<String> paid = CheckoutForm.pay(http, URI.create(session.getUrl()), card);
        if (paid.statusCode() != 303) {
            throw new AssertionError("paying with " + card + " answered " + paid.statusCode() + ":\n" + paid.body());
        }
        return session;
    }
}
