package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhook delivery: retries with backoff after failures, gives up after the last attempt, signs every try. */
class WebhookDeliveryTest {
    private final Browser browser = new Browser();

    private static StripeClient client(StripeEmulator emulator) {
        return StripeClient.builder().setApiKey("sk_test_emulator").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(2).build();
    }

    @Test
    void aReceiverAnswering500IsRetriedUntilItAccepts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 503);
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .webhookRetryBaseDelay(Duration.ofMillis(50)).build().start()) {
            client(emulator).v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());

            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            List<WebhookReceiver.Delivery> received = receiver.received();
            assertEquals(3, received.size(), "two failures, then the accepted attempt");
            String eventId = null;
            for (WebhookReceiver.Delivery delivery : received) {
                Event event = Webhook.constructEvent(delivery.body(), delivery.signature(), emulator.webhookSecret());
                eventId = eventId == null ? event.getId() : eventId;
                assertEquals(eventId, event.getId(), "every attempt carries the same event");
            }
            DeliveryStatus status = emulator.deliveries().get(0);
            assertEquals(DeliveryStatus.State.DELIVERED, status.state());
            assertEquals(3, status.attempts());
            assertEquals(200, status.lastStatusCode());

            HttpResponse<String> control = browser.get(emulator.baseUrl() + "/_emulator/deliveries");
            JsonObject first = JsonParser.parseString(control.body()).getAsJsonObject()
                    .getAsJsonArray("data").get(0).getAsJsonObject();
            assertEquals("delivered", first.get("state").getAsString());
            assertEquals(3, first.get("attempts").getAsInt());
        }
    }

    @Test
    void deliveryGivesUpAfterTheLastAttemptAndTheEventListsAsUndelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500, 500);
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .webhookRetryBaseDelay(Duration.ofMillis(20)).webhookMaxAttempts(3).build().start()) {
            StripeClient stripe = client(emulator);
            stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());

            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            DeliveryStatus status = emulator.deliveries().get(0);
            assertEquals(DeliveryStatus.State.FAILED, status.state());
            assertEquals(3, status.attempts());
            assertEquals(500, status.lastStatusCode());

            stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("b@example.com").build());
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            List<Event> undelivered = stripe.v1().events().list(
                    EventListParams.builder().setDeliverySuccess(false).build()).getData();
            assertEquals(1, undelivered.size());
            assertEquals(status.eventId(), undelivered.get(0).getId());
            assertEquals(1, stripe.v1().events().list(
                    EventListParams.builder().setDeliverySuccess(true).build()).getData().size());
        }
    }

    @Test
    void signaturesAreMadeWithTheConfiguredSecretOnly() throws Exception {
        String secret = "whsec_configured_for_this_test";
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .webhookSecret(secret).build().start()) {
            client(emulator).v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));

            WebhookReceiver.Delivery delivery = receiver.received().get(0);
            assertEquals("customer.created",
                    Webhook.constructEvent(delivery.body(), delivery.signature(), secret).getType());
            assertThrows(SignatureVerificationException.class,
                    () -> Webhook.constructEvent(delivery.body(), delivery.signature(), "whsec_other"));
        }
    }
}
