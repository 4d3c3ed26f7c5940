package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.ApiResource;
import com.stripe.net.StripeResponse;
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

    @Test
    void anEventResentToAnEndpointArrivesAgainWithItsIdAndAFreshSignature() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url()).build().start()) {
            StripeClient stripe = client(emulator);
            stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("a@example.com").build());
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            WebhookReceiver.Delivery first = receiver.received().get(0);
            Event event = Webhook.constructEvent(first.body(), first.signature(), emulator.webhookSecret());
            String endpoint = stripe.v1().webhookEndpoints().list().getData().get(0).getId();

            for (int i = 0; i < 3; i++) {
                StripeResponse answer = stripe.rawRequest(ApiResource.RequestMethod.POST,
                        "/v1/events/" + event.getId() + "/retry", "webhook_endpoint=" + endpoint);
                assertEquals(200, answer.code());
                assertEquals(event.getId(), JsonParser.parseString(answer.body()).getAsJsonObject().get("id")
                        .getAsString());
            }
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));

            List<WebhookReceiver.Delivery> received = receiver.received();
            assertEquals(4, received.size(), "the delivery and three resends");
            for (WebhookReceiver.Delivery again : received) {
                assertEquals(first.body(), again.body(), "the same event, byte for byte");
                Webhook.constructEvent(again.body(), again.signature(), emulator.webhookSecret());
            }
            assertEquals(4, emulator.deliveries().stream()
                    .filter(delivery -> delivery.eventId().equals(event.getId())).count());

            InvalidRequestException noEndpoint = assertThrows(InvalidRequestException.class,
                    () -> stripe.rawRequest(ApiResource.RequestMethod.POST, "/v1/events/" + event.getId() + "/retry",
                            "webhook_endpoint=we_none"));
            assertEquals("webhook_endpoint", noEndpoint.getParam());
            InvalidRequestException noEvent = assertThrows(InvalidRequestException.class,
                    () -> stripe.rawRequest(ApiResource.RequestMethod.POST, "/v1/events/evt_none/retry",
                            "webhook_endpoint=" + endpoint));
            assertEquals(404, noEvent.getStatusCode());
            InvalidRequestException unnamed = assertThrows(InvalidRequestException.class,
                    () -> stripe.rawRequest(ApiResource.RequestMethod.POST, "/v1/events/" + event.getId() + "/retry",
                            ""));
            assertEquals("webhook_endpoint", unnamed.getParam());
            assertEquals(4, receiver.received().size(), "a refused resend sends nothing");
        }
    }
}
