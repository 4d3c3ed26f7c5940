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
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkout Session details: expansion, guest checkout, expiry, a paid session refusing a second payment, and the
 * listing by status and creation time.
 */
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
     * Listed as a drift scan lists them: {@code status=complete} and {@code created[gte]} select the paid ones
     * opened since a moment, of every mode, newest first, page by page; an unknown status is refused as on Stripe.
     */
    @Test
    void completeCheckoutsAreListedByWhenTheyWereOpenedNewestFirstWhateverTheirMode() throws Exception {
        Session before = paidPack("hal@example.com");
        clock.advance(Duration.ofHours(2));
        long since = clock.instant().getEpochSecond();
        Session open = basicSession("fay@example.com");
        Session plan = basicSession("gus@example.com");
        assertEquals(303, browser.submit(plan.getUrl(), Map.of("card_number", "4242424242424242")).statusCode());
        Session pack = paidPack("ida@example.com");

        SessionListParams.Builder complete = SessionListParams.builder()
                .setStatus(SessionListParams.Status.COMPLETE).setLimit(100L);
        List<Session> sinceThen = stripe.v1().checkout().sessions().list(complete
                .setCreated(SessionListParams.Created.builder().setGte(since).build()).build()).getData();
        assertEquals(List.of(pack.getId(), plan.getId()), sinceThen.stream().map(Session::getId).toList());
        assertEquals("paid", sinceThen.get(0).getPaymentStatus());
        assertEquals("payment", sinceThen.get(0).getMode());
        assertEquals("100", sinceThen.get(0).getMetadata().get("tollgate_credits"));
        assertEquals("subscription", sinceThen.get(1).getMode());

        com.stripe.model.StripeCollection<Session> first = stripe.v1().checkout().sessions().list(
                SessionListParams.builder().setStatus(SessionListParams.Status.COMPLETE).setLimit(2L).build());
        assertTrue(first.getHasMore());
        List<Session> rest = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setStatus(SessionListParams.Status.COMPLETE).setLimit(2L).setStartingAfter(plan.getId()).build())
                .getData();
        assertEquals(List.of(before.getId()), rest.stream().map(Session::getId).toList());
        assertEquals(List.of(open.getId()), stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setStatus(SessionListParams.Status.OPEN).build()).getData().stream().map(Session::getId).toList());

        com.stripe.exception.InvalidRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                com.stripe.exception.InvalidRequestException.class, () -> stripe.v1().checkout().sessions().list(
                        SessionListParams.builder().putExtraParam("status", "paid").build()));
        assertEquals("status", refused.getParam());
        assertEquals("Invalid status: must be one of complete, expired, or open",
                refused.getStripeError().getMessage());
    }

    private Session paidPack(String email) throws Exception {
        Session pack = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomerEmail(email)
                .putMetadata("tollgate_credits", "100")
                .setSuccessUrl("http://app.test/ok/{CHECKOUT_SESSION_ID}")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_credits_100").setQuantity(1L)
                        .build())
                .build());
        assertEquals(303, browser.submit(pack.getUrl(), Map.of("card_number", "4242424242424242")).statusCode());
        return pack;
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
