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
