package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.model.Event;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.tollgate.emulator.http.ApiFaults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stripe-strict answers: unknown parameters and bad values refused, rate limits, injected 5xx and timeouts. */
class StrictApiTest extends EmulatorTest {

    private StripeClient client(int retries, Duration readTimeout) {
        return StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(retries).setReadTimeout((int) readTimeout.toMillis()).build();
    }

    private long customerCount() throws Exception {
        return shop.stripe.v1().customers().list(CustomerListParams.builder().setLimit(100L).build())
                .getData().size();
    }

    @Test
    void anUnknownParameterIsRefusedAndChangesNothing() throws Exception {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com")
                        .putExtraParam("colour", "red").build()));
        assertEquals(400, refused.getStatusCode());
        assertEquals("parameter_unknown", refused.getCode());
        assertEquals("colour", refused.getParam());
        assertEquals("Received unknown parameter: colour", refused.getStripeError().getMessage());
        assertEquals(0, customerCount());
    }

    @Test
    void nestedUnknownParametersAndUnknownQueryParametersAreRefusedToo() throws Exception {
        String customer = shop.customer("a@example.com", null);
        InvalidRequestException nested = assertThrows(InvalidRequestException.class, () -> shop.proSession(customer,
                params -> params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putExtraParam("trial_days", 3).build())));
        assertEquals("subscription_data[trial_days]", nested.getParam());

        InvalidRequestException query = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().events().list(EventListParams.builder().putExtraParam("kind", "x").build()));
        assertEquals("kind", query.getParam());
    }

    @Test
    void badValuesAreRefused() {
        InvalidRequestException limit = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().events().list(EventListParams.builder().setLimit(101L).build()));
        assertEquals("limit", limit.getParam());
        InvalidRequestException notANumber = assertThrows(InvalidRequestException.class, () ->
                shop.stripe.v1().events().list(EventListParams.builder().putExtraParam("created", "yesterday")
                        .build()));
        assertEquals("created", notANumber.getParam());
    }

    @Test
    void lenientModeIgnoresUnknownParameters() throws Exception {
        emulator.strict(false);
        shop.stripe.v1().customers().create(CustomerCreateParams.builder().putExtraParam("colour", "red").build());
        assertEquals(1, customerCount());
    }

    @Test
    void theRateLimitAnswers429WhichStripeJavaRaisesAsRateLimitException() throws Exception {
        assertEquals(25, ApiFaults.parse("rate_limit=on").rateLimitPerSecond(), "on = Stripe's test-mode limit");
        emulator.apiFaults(ApiFaults.parse("rate_limit=10"));
        StripeClient noRetries = client(0, Duration.ofSeconds(10));
        int passed = 0;
        int limited = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            try {
                noRetries.v1().events().list();
                passed++;
            } catch (RateLimitException e) {
                assertEquals(429, e.getStatusCode());
                assertEquals("rate_limit", e.getCode());
                limited++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(passed <= 10 + 10 * seconds + 1, passed + " passed in " + seconds + " s under 10/s");
        assertTrue(limited > 0 || seconds > 3, "40 quick requests over a 10/s limit meet a 429");
        emulator.apiFaults(ApiFaults.Settings.NONE);
        noRetries.v1().events().list();
    }

    @Test
    void anInjected500IsRaisedAsApiExceptionAndStripeJavasRetryGetsThrough() throws Exception {
        emulator.apiFaults(ApiFaults.parse("api_errors_next=1"));
        assertThrows(ApiException.class, () -> client(0, Duration.ofSeconds(10)).v1().customers().create(
                CustomerCreateParams.builder().build()));
        assertEquals(0, customerCount(), "a refused request did nothing");

        emulator.apiFaults(ApiFaults.parse("api_errors_next=1"));
        client(2, Duration.ofSeconds(10)).v1().customers().create(CustomerCreateParams.builder().build());
        assertEquals(1, customerCount());
    }

    @Test
    void aTimedOutCreateIsCarriedOutOnceWhenTheRetryReusesTheIdempotencyKey() throws Exception {
        emulator.apiFaults(ApiFaults.parse("api_timeouts_next=1,api_timeout=1500ms"));
        StripeClient impatient = client(2, Duration.ofMillis(500));
        String id = impatient.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com")
                .build(), RequestOptions.builder().setIdempotencyKey("customer:alice").build()).getId();

        assertEquals(1, customerCount(), "done once, answered twice");
        assertEquals(id, shop.stripe.v1().customers().list().getData().get(0).getId());
    }

    @Test
    void apiFaultsLimitedToAPathLeaveOtherRequestsAlone() throws Exception {
        emulator.apiFaults(ApiFaults.parse("api_errors_next=1,api_path=/v1/customers"));
        client(0, Duration.ofSeconds(10)).v1().events().list();
        assertThrows(ApiException.class, () -> client(0, Duration.ofSeconds(10)).v1().customers().create(
                CustomerCreateParams.builder().build()));
        assertEquals(0, customerCount(), "the fault waited for the first request under /v1/customers");
    }

    @Test
    void eventsOlderThan30DaysLeaveTheList() throws Exception {
        shop.customer("old@example.com", null);
        emulator.advance(Duration.ofDays(31));
        shop.customer("new@example.com", null);

        List<Event> events = shop.stripe.v1().events().list().getData();
        assertEquals(1, events.size());
        assertEquals(1, shop.stripe.v1().events().list(EventListParams.builder().setCreated(
                EventListParams.Created.builder().setGte(emulator.now().getEpochSecond() - 5).build()).build())
                .getData().size());
    }
}
