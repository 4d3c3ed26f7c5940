package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting a customer as Stripe does it: its subscriptions end at once with their own events, {@code
 * customer.deleted} carries the customer as it was, a retrieve answers the {@code deleted_customer} stub, and any
 * use of it is "No such customer". An idempotency key used before the deletion still answers with the deleted
 * customer, as Stripe's do for 24 hours.
 */
class CustomerDeletionTest extends EmulatorTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSubscriptionsEndAndCustomerDeletedCarriesTheCustomerAsItWas() throws Exception {
        Subscription subscription = shop.subscribe("4242 4242 4242 4242", null);
        String customerId = subscription.getCustomer();
        JsonObject before = get("/v1/customers/" + customerId).body;

        Customer answer = stripe.v1().customers().delete(customerId);

        assertTrue(answer.getDeleted());
        assertEquals("canceled", shop.reload(subscription).getStatus());
        List<String> types = emulator.eventTypes();
        List<String> ofTheDeletion = types.subList(types.indexOf("checkout.session.completed") + 1, types.size());
        assertTrue(ofTheDeletion.contains("customer.subscription.deleted"), types.toString());
        assertEquals("customer.deleted", ofTheDeletion.get(ofTheDeletion.size() - 1), types.toString());
        JsonObject deletedEvent = emulator.events().get(types.size() - 1);
        JsonObject reported = deletedEvent.getAsJsonObject("data").getAsJsonObject("object");
        assertEquals(before, reported, "the full customer from before the deletion, without a deleted field");
        assertFalse(reported.has("deleted"));
    }

    @Test
    void aDeletedCustomerIsAStubToRetrieveAndNoSuchCustomerToEveryUse() throws Exception {
        String customerId = shop.customer("gone@example.com", null);
        stripe.v1().customers().delete(customerId);

        Answer retrieved = get("/v1/customers/" + customerId);
        assertEquals(200, retrieved.status);
        assertEquals(JsonParser.parseString("{\"id\":\"" + customerId + "\",\"object\":\"customer\",\"deleted\":true}"),
                retrieved.body, "Stripe's deleted_customer: nothing but id, object and deleted");

        assertNoSuchCustomer(404, null, customerId, () -> stripe.v1().customers().update(customerId,
                CustomerUpdateParams.builder().setName("Again").build()));
        assertNoSuchCustomer(404, null, customerId, () -> stripe.v1().customers().delete(customerId));
        assertNoSuchCustomer(400, "customer", customerId, () -> shop.proSession(customerId, params -> params));
        assertNoSuchCustomer(400, "customer", customerId, () -> stripe.v1().entitlements().activeEntitlements()
                .list(ActiveEntitlementListParams.builder().setCustomer(customerId).build()));
        assertTrue(stripe.v1().customers().list().getData().stream().noneMatch(c -> c.getId().equals(customerId)),
                "a deleted customer is not listed");
    }

    @Test
    void theIdempotencyKeyOfTheDeletedCustomerStillAnswersWithItAndANewKeyMakesANewOne() throws Exception {
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata("tollgate_user", "alice").build();
        RequestOptions first = RequestOptions.builder().setIdempotencyKey("customer:alice").build();
        String deleted = stripe.v1().customers().create(params, first).getId();
        stripe.v1().customers().delete(deleted);

        assertEquals(deleted, stripe.v1().customers().create(params, first).getId(), "replayed, deleted or not");
        String fresh = stripe.v1().customers().create(params,
                RequestOptions.builder().setIdempotencyKey("customer:alice:2").build()).getId();

        assertNotEquals(deleted, fresh);
        assertEquals("alice", stripe.v1().customers().retrieve(fresh).getMetadata().get("tollgate_user"));
    }

    private interface StripeCall {
        Object run() throws Exception;
    }

    private static void assertNoSuchCustomer(int status, String param, String customerId, StripeCall call) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, call::run);
        assertEquals(status, error.getStatusCode());
        assertEquals("resource_missing", error.getCode());
        assertEquals(param, error.getParam());
        assertTrue(error.getMessage().contains("No such customer: '" + customerId + "'"), error.getMessage());
    }

    private record Answer(int status, JsonObject body) {
    }

    private Answer get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_emulator").GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JsonParser.parseString(response.body()).getAsJsonObject());
    }
}
