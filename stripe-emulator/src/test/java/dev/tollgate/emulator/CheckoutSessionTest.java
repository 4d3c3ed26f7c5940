package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.LineItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkout Session details: expansion, guest checkout, expiry, and a paid session refusing a second payment. */
class CheckoutSessionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Browser browser = new Browser();
    private StripeEmulator emulator;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.builder().clock(clock).build().start();
        stripe = StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(2).build();
    }

    @AfterEach
    void stop() {
        emulator.stop();
    }

    private Session basicSession(String customerEmail) throws Exception {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomerEmail(customerEmail)
                .setSuccessUrl("http://app.test/ok/{CHECKOUT_SESSION_ID}")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_basic_monthly").setQuantity(2L)
                        .build())
                .build());
    }

    @Test
    void aGuestCheckoutCreatesTheCustomerAndExpandsOnRequest() throws Exception {
        Session session = basicSession("carol@example.com");
        assertEquals(1800L, session.getAmountTotal());
        assertNull(session.getLineItems(), "line_items only when expanded");

        HttpResponse<String> paid = browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242"));
        assertEquals("http://app.test/ok/" + session.getId(), paid.headers().firstValue("Location").orElseThrow());

        Session expanded = stripe.v1().checkout().sessions().retrieve(session.getId(), SessionRetrieveParams
                .builder().addExpand("customer").addExpand("subscription").addExpand("line_items").build());
        Customer carol = expanded.getCustomerObject();
        assertEquals("carol@example.com", carol.getEmail());
        assertEquals(carol.getId(), expanded.getSubscriptionObject().getCustomer());
        assertEquals(2L, expanded.getSubscriptionObject().getItems().getData().get(0).getQuantity());
        List<LineItem> lines = expanded.getLineItems().getData();
        assertEquals("price_basic_monthly", lines.get(0).getPrice().getId());
        assertEquals(List.of("customer.created", "customer.subscription.created"), emulator.eventTypes().subList(0, 2));
    }

    @Test
    void aPaidSessionCannotBePaidTwice() throws Exception {
        Session session = basicSession(null);
        assertEquals(303, browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242",
                "email", "dan@example.com")).statusCode());

        HttpResponse<String> again = browser.submit(session.getUrl(), Map.of("card_number", "4242424242424242"));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already paid"), again.body());
        assertEquals(1, emulator.eventTypes().stream().filter("checkout.session.completed"::equals).count());
    }

    @Test
    void anOpenSessionExpiresAfterADay() throws Exception {
        Session session = basicSession("erin@example.com");
        assertEquals(clock.instant().getEpochSecond() + 24 * 3600, session.getExpiresAt());

        clock.advance(Duration.ofHours(25));

        Session expired = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertEquals("expired", expired.getStatus());
        assertNull(expired.getUrl());
        assertEquals(410, browser.get(session.getUrl()).statusCode());
        assertEquals(List.of("checkout.session.expired"), emulator.eventTypes());
        assertNotNull(expired.getCreated());
    }

    /**
     * Promotion codes, automatic tax and tax ID collection are taken and shown; with an existing customer, Stripe's
     * rule that Checkout must be let save the address (tax) and the name (tax IDs) is kept, and a refused session is
     * not made.
     */
    @Test
    void promotionCodesTaxAndTaxIdsAreShownAndStripesCustomerRulesKept() throws Exception {
        String customer = stripe.v1().customers().create(com.stripe.param.CustomerCreateParams.builder()
                .setEmail("dora@example.com").build()).getId();
        SessionCreateParams.Builder base = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer)
                .setSuccessUrl("http://app.test/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_basic_monthly").setQuantity(1L)
                        .build())
                .setAllowPromotionCodes(true)
                .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build())
                .setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build());

        com.stripe.exception.InvalidRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                com.stripe.exception.InvalidRequestException.class,
                () -> stripe.v1().checkout().sessions().create(base.build()));
        assertEquals("automatic_tax[enabled]", refused.getParam());
        assertTrue(stripe.v1().checkout().sessions().list().getData().isEmpty(), "nothing made");

        Session session = stripe.v1().checkout().sessions().create(base.setCustomerUpdate(
                SessionCreateParams.CustomerUpdate.builder()
                        .setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO)
                        .setName(SessionCreateParams.CustomerUpdate.Name.AUTO).build()).build());

        assertTrue(session.getAllowPromotionCodes());
        assertTrue(session.getAutomaticTax().getEnabled());
        assertTrue(session.getTaxIdCollection().getEnabled());
        assertEquals(900L, session.getAmountTotal(), "no tax or discount is computed");
        Session plain = basicSession("erin@example.com");
        assertEquals(false, plain.getAllowPromotionCodes());
        assertEquals(false, plain.getAutomaticTax().getEnabled());
    }
}
