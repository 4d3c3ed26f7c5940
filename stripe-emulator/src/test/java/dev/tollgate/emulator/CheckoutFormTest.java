package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Paying on the hosted page the way an end-to-end test of an app does, through the public {@link CheckoutForm}. */
class CheckoutFormTest extends EmulatorTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aPayingCardCompletesTheSessionAndSendsTheBrowserToTheSuccessUrl() throws Exception {
        Session session = proSession();

        HttpResponse<String> paid = CheckoutForm.pay(http, URI.create(session.getUrl()), "4242 4242 4242 4242");

        assertEquals(303, paid.statusCode(), paid.body());
        assertEquals("http://app.test/ok/" + session.getId(), paid.headers().firstValue("Location").orElseThrow());
        assertEquals("complete", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
    }

    @Test
    void aDeclinedCardShowsThePageAgainAndCompletesNothing() throws Exception {
        Session session = proSession();

        HttpResponse<String> declined = CheckoutForm.pay(http, URI.create(session.getUrl()), "4000 0000 0000 0002");

        assertEquals(402, declined.statusCode(), "the page again, with the decline");
        assertTrue(declined.body().contains("card_number"), declined.body());
        assertEquals("open", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
    }

    @Test
    void thePageAsksForExpiryAndCodeAndTheFormFillsThemWithAFutureExpiry() throws Exception {
        Session session = proSession();
        HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(URI.create(session.getUrl()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        CheckoutForm form = CheckoutForm.read(page.body()).withCard("4242 4242 4242 4242");

        assertTrue(form.fields().containsKey("exp") && form.fields().containsKey("cvc"), form.fields().toString());
        assertTrue(form.fields().get("exp").matches("\\d{2} / \\d{2}"), form.fields().toString());
        assertEquals("123", form.fields().get("cvc"));
    }

    @Test
    void anyFutureExpiryAndAnyCodePay() throws Exception {
        int nextYear = java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1;
        for (String[] typed : new String[][] {{"01/" + (nextYear % 100), "000"}, {"12 / " + nextYear, "9876"}}) {
            Session session = proSession();
            HttpResponse<String> paid = new Browser().submit(session.getUrl(),
                    java.util.Map.of("card_number", "4242424242424242", "exp", typed[0], "cvc", typed[1]));
            assertEquals(303, paid.statusCode(), typed[0] + " " + typed[1] + ": " + paid.body());
            assertEquals("complete", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
        }
    }

    @Test
    void aPastOrIncompleteExpiryOrCodeShowsThePageAgainAndChargesNothing() throws Exception {
        java.time.YearMonth lastMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1);
        String past = String.format("%02d/%02d", lastMonth.getMonthValue(), lastMonth.getYear() % 100);
        String[][] cases = {
                {past, "123", "Your card&#39;s expiration date is in the past."},
                {"13/40", "123", "Your card&#39;s expiration date is incomplete."},
                {"", "123", "Your card&#39;s expiration date is incomplete."},
                {"12/40", "12", "Your card&#39;s security code is incomplete."},
                {"12/40", "", "Your card&#39;s security code is incomplete."}};
        for (String[] typed : cases) {
            Session session = proSession();
            HttpResponse<String> refused = new Browser().submit(session.getUrl(),
                    java.util.Map.of("card_number", "4242424242424242", "exp", typed[0], "cvc", typed[1]));
            assertEquals(402, refused.statusCode(), typed[0] + " " + typed[1]);
            assertTrue(refused.body().contains(typed[2]), typed[2] + " in " + refused.body());
            assertTrue(refused.body().contains("name=\"exp\""), "the form is shown again");
            assertEquals("open", stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
            assertTrue(stripe.v1().subscriptions().list(com.stripe.param.SubscriptionListParams.builder().build())
                    .getData().isEmpty(), "no subscription was started");
        }
    }

    @Test
    void theFormKeepsEveryNamedInputAndRefusesAPageWithoutOne() {
        CheckoutForm form = CheckoutForm.read("<p>x</p><form method=\"post\" action=\"/checkout/cs_1\">"
                + "<input type=\"hidden\" name=\"token\" value=\"a&amp;b\"><input name=\"card_number\"></form>");
        assertEquals("/checkout/cs_1", form.action());
        assertEquals("token=a%26b&card_number=4242", form.withCard("4242").encoded());

        assertThrows(IllegalStateException.class, () -> CheckoutForm.read("<p>no form</p>"));
        IllegalStateException noCard = assertThrows(IllegalStateException.class,
                () -> CheckoutForm.read("<form method=\"post\"><input name=\"email\"></form>").withCard("4242"));
        assertTrue(noCard.getMessage().contains("card_number"), noCard.getMessage());
    }

    private Session proSession() throws Exception {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomerEmail("dora@example.com")
                .setSuccessUrl("http://app.test/ok/{CHECKOUT_SESSION_ID}")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice("price_pro_monthly").setQuantity(1L)
                        .build())
                .build());
    }
}
