package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's objects use Stripe's field names: every field of every object (and of the objects nested in
 * it) also appears in Stripe's own example of that resource (fixtures3.json at dahlia), and the fields an
 * integration relies on are present.
 */
class ObjectShapeTest extends EmulatorTest {
    private static JsonObject fixtures;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void loadFixtures() throws Exception {
        try (Reader reader = new InputStreamReader(ObjectShapeTest.class.getResourceAsStream(
                "/stripe-fixtures/fixtures-subset.json"), StandardCharsets.UTF_8)) {
            fixtures = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("resources");
        }
    }

    private JsonObject raw(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_emulator").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private Session paid(String customer, String price, SessionCreateParams.Mode mode) throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder().setMode(mode)
                .setCustomer(customer).setSuccessUrl("http://app.test/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build()).build());
        new Browser().submit(session.getUrl(), Map.of("card_number", "4242424242424242"));
        return stripe.v1().checkout().sessions().retrieve(session.getId());
    }

    @Test
    void everyObjectUsesStripesFieldNames() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("s@x.test").build());
        Session subscribed = paid(customer.getId(), "price_pro_monthly", SessionCreateParams.Mode.SUBSCRIPTION);
        Session bought = paid(customer.getId(), "price_credits_100", SessionCreateParams.Mode.PAYMENT);
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(bought.getPaymentIntent()).build());
        stripe.v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customer.getId()).build());

        List<JsonObject> objects = new ArrayList<>();
        objects.add(raw("/v1/customers/" + customer.getId()));
        objects.add(raw("/v1/prices/price_pro_monthly"));
        objects.add(raw("/v1/products/prod_pro"));
        objects.add(raw("/v1/checkout/sessions/" + subscribed.getId()));
        objects.add(raw("/v1/subscriptions/" + subscribed.getSubscription()));
        objects.add(raw("/v1/invoices/" + subscribed.getInvoice()));
        objects.add(raw("/v1/payment_intents/" + bought.getPaymentIntent()));
        for (String list : List.of("/v1/charges", "/v1/refunds", "/v1/events?limit=100",
                "/v1/checkout/sessions/" + subscribed.getId() + "/line_items")) {
            raw(list).getAsJsonArray("data").forEach(element -> objects.add(element.getAsJsonObject()));
        }

        List<String> unknown = new ArrayList<>();
        Set<String> seenTypes = new TreeSet<>();
        for (JsonObject object : objects) {
            collectUnknownFields(object, unknown, seenTypes);
        }
        assertTrue(unknown.isEmpty(), "fields not in Stripe's examples: " + unknown);
        assertTrue(seenTypes.containsAll(Set.of("customer", "price", "product", "checkout.session", "subscription",
                "subscription_item", "invoice", "line_item", "payment_intent", "charge", "refund", "event", "item")),
                "checked " + seenTypes);
    }

    /** Walks the object and everything nested in it, comparing each typed object with Stripe's example. */
    private static void collectUnknownFields(JsonObject object, List<String> unknown, Set<String> seenTypes) {
        JsonElement type = object.get("object");
        if (type != null && type.isJsonPrimitive() && fixtures.has(type.getAsString())) {
            String name = type.getAsString();
            seenTypes.add(name);
            JsonObject example = fixtures.getAsJsonObject(name);
            for (String field : object.keySet()) {
                if (!example.has(field)) {
                    unknown.add(name + "." + field);
                }
            }
        }
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            JsonElement value = field.getValue();
            if (value.isJsonObject()) {
                collectUnknownFields(value.getAsJsonObject(), unknown, seenTypes);
            } else if (value.isJsonArray()) {
                value.getAsJsonArray().forEach(element -> {
                    if (element.isJsonObject()) {
                        collectUnknownFields(element.getAsJsonObject(), unknown, seenTypes);
                    }
                });
            }
        }
    }
}
