package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.InvalidRequestException;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Stripe's error objects and statuses, so stripe-java raises the exception it would against Stripe. */
class ApiErrorsTest extends EmulatorTest {

    private static SessionCreateParams.Builder session(String price) {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setSuccessUrl("http://app.test/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build());
    }

    @Test
    void anUnknownPriceIsAnInvalidRequestNamingTheParameter() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().checkout().sessions().create(session("price_nope").build()));
        assertEquals(400, error.getStatusCode());
        assertEquals("resource_missing", error.getCode());
        assertEquals("line_items[0][price]", error.getParam());
        assertTrue(error.getMessage().contains("No such price: 'price_nope'"), error.getMessage());
    }

    @Test
    void aOneTimePriceCannotStartASubscription() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().checkout().sessions().create(session("price_credits_100").build()));
        assertEquals("line_items[0][price]", error.getParam());
    }

    @Test
    void anUnknownIdInTheUrlIsA404() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> stripe.v1().customers().retrieve("cus_missing"));
        assertEquals(404, error.getStatusCode());
        assertEquals("resource_missing", error.getCode());
    }

    @Test
    void requestsWithoutASecretKeyAreRefusedWithoutDetails() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/customers"))
                        .header("Authorization", "Bearer pk_test_publishable").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
        assertEquals("invalid_request_error", error.get("type").getAsString());
    }

    @Test
    void anUnknownUrlIsA404InStripesWords() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/nothing_here"))
                        .header("Authorization", "Bearer sk_test_x").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("Unrecognized request URL (GET: /v1/nothing_here)"), response.body());
    }
}
