package dev.tollgate.payments.infrastructure.stripe;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.Stripe;
import com.stripe.net.ApiResource;
import dev.tollgate.payments.domain.model.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader takes a subscription's state from the event in the same pass as everything else; these tests hold
 * it to what stripe-java's typed model of the same object says, on Stripe's own example subscription
 * ({@code stripe-subscription.json}, see the notice beside it) and on variations of it.
 */
class StripeEventReaderTest {

    @Test
    void stripesExampleSubscriptionReadsAsStripeJavasModelReadsIt() throws IOException {
        JsonObject subscription = exampleSubscription();
        assertReadAsTheTypedModel(subscription);
        Subscription read = readFromEvent(subscription);
        assertEquals("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", read.id());
        assertEquals("cus_QXg1o8vcGmoR32", read.customerId());
    }

    @Test
    void severalItemsAnExpandedCustomerAndLookupKeysReadAsTheTypedModelReadsThem() throws IOException {
        JsonObject subscription = exampleSubscription();
        JsonArray items = subscription.getAsJsonObject("items").getAsJsonArray("data");
        JsonObject second = items.get(0).getAsJsonObject().deepCopy();
        second.addProperty("id", "si_second");
        second.addProperty("current_period_start", 100);
        second.addProperty("current_period_end", 4_000_000_000L);
        second.getAsJsonObject("price").addProperty("id", "price_second");
        second.getAsJsonObject("price").addProperty("lookup_key", "pro_monthly");
        items.add(second);
        JsonObject customer = new JsonObject();
        customer.addProperty("id", "cus_expanded");
        customer.addProperty("object", "customer");
        subscription.add("customer", customer);
        subscription.addProperty("status", "past_due");
        subscription.addProperty("cancel_at_period_end", false);

        assertReadAsTheTypedModel(subscription);
        Subscription read = readFromEvent(subscription);
        assertEquals("cus_expanded", read.customerId());
        assertTrue(read.prices().contains("pro_monthly"));
        assertEquals(4_000_000_000L, read.currentPeriodEnd().getEpochSecond());
    }

    @Test
    void aSubscriptionWithoutItemsOrPeriodsReadsAsTheTypedModelReadsIt() throws IOException {
        JsonObject subscription = exampleSubscription();
        subscription.remove("items");
        subscription.addProperty("status", "a_status_stripe_adds_later");
        assertReadAsTheTypedModel(subscription);
    }

    private static void assertReadAsTheTypedModel(JsonObject subscription) {
        Subscription typed = StripeTranslation.subscription(
                ApiResource.GSON.fromJson(subscription, com.stripe.model.Subscription.class));
        assertEquals(typed, readFromEvent(subscription));
    }

    private static Subscription readFromEvent(JsonObject subscription) {
        String event = "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"" + Stripe.API_VERSION + "\","
                + "\"created\":1764000000,\"livemode\":false,\"type\":\"customer.subscription.updated\","
                + "\"data\":{\"object\":" + subscription + ",\"previous_attributes\":{\"status\":\"trialing\"}}}";
        return StripeEventReader.read(event).subscription().orElseThrow();
    }

    private static JsonObject exampleSubscription() throws IOException {
        try (InputStream in = StripeEventReaderTest.class.getResourceAsStream("stripe-subscription.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
