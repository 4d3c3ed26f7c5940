package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import dev.tollgate.emulator.delivery.DeliveryStatus;
import dev.tollgate.emulator.delivery.FaultPlan;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hostile delivery: every fault of the plan, and the same seed giving the same deliveries. */
class DeliveryFaultsTest {

    private static String eventId(WebhookReceiver.Delivery delivery) {
        return JsonParser.parseString(delivery.body()).getAsJsonObject().get("id").getAsString();
    }

    /** A purchase and a few customers, through the given plan; returns the event ids in the order received. */
    private static List<String> receivedUnder(FaultPlan plan, List<String> recordedOut, List<String> undelivered)
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().seed(1).webhookEndpoint(receiver.url())
                        .webhookFaults(plan).build().start()) {
            Shop shop = new Shop(emulator);
            shop.subscribe("4242424242424242", null);
            for (int i = 0; i < 6; i++) {
                shop.stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(i + "@example.com")
                        .build());
            }
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(20)));
            emulator.events().forEach(event -> recordedOut.add(event.get("id").getAsString()));
            shop.stripe.v1().events().list(EventListParams.builder().setDeliverySuccess(false).setLimit(100L)
                    .build()).getData().forEach(event -> undelivered.add(event.getId()));
            return receiver.received().stream().map(DeliveryFaultsTest::eventId).toList();
        }
    }

    @Test
    void aDroppedAndReorderedDeliveryRepeatsExactlyForTheSameSeed() throws Exception {
        FaultPlan plan = FaultPlan.seeded(7).dropping(0.25).reorderingWithin(4);
        List<String> recorded = new ArrayList<>();
        List<String> undelivered = new ArrayList<>();
        List<String> first = receivedUnder(plan, recorded, undelivered);
        List<String> second = receivedUnder(plan, new ArrayList<>(), new ArrayList<>());

        assertEquals(first, second, "same seed, same delivery sequence");
        assertTrue(first.size() < recorded.size(), "some were dropped: " + first.size() + " of " + recorded.size());
        Set<String> dropped = recorded.stream().filter(id -> !first.contains(id)).collect(Collectors.toSet());
        assertEquals(dropped, Set.copyOf(undelivered), "dropped events list as delivery_success=false");
        List<String> inRecordedOrder = recorded.stream().filter(first::contains).toList();
        assertNotEquals(inRecordedOrder, first, "reordered within windows");

        List<String> otherSeed = receivedUnder(plan.withSeed(8), new ArrayList<>(), new ArrayList<>());
        assertNotEquals(first, otherSeed, "another seed, another sequence");
    }

    @Test
    void duplicatesCarryTheSameEventWithAnotherSignature() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .webhookFaults(FaultPlan.seeded(1).duplicating(1)).build().start()) {
            new Shop(emulator).customer("a@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));

            List<WebhookReceiver.Delivery> received = receiver.received();
            assertEquals(2, received.size());
            assertEquals(received.get(0).body(), received.get(1).body());
            assertNotEquals(received.get(0).signature(), received.get(1).signature());
            for (WebhookReceiver.Delivery delivery : received) {
                Webhook.constructEvent(delivery.body(), delivery.signature(), emulator.webhookSecret());
            }
        }
    }

    @Test
    void aWrongSecretIsRefusedByTheReceiverAndTheRetryIsSignedRight() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .webhookRetryBaseDelay(Duration.ofMillis(20))
                        .webhookFaults(FaultPlan.seeded(1).signingWithWrongSecret(1)).build().start()) {
            receiver.verifying(emulator.webhookSecret());
            new Shop(emulator).customer("a@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));

            List<WebhookReceiver.Delivery> received = receiver.received();
            assertEquals(2, received.size());
            assertThrows(SignatureVerificationException.class, () -> Webhook.constructEvent(received.get(0).body(),
                    received.get(0).signature(), emulator.webhookSecret()));
            DeliveryStatus status = emulator.deliveries().get(0);
            assertEquals(DeliveryStatus.State.DELIVERED, status.state());
            assertEquals(2, status.attempts());
        }
    }

    @Test
    void livemodeAndTwinEventsAndDelay() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url())
                        .faults("seed=3,livemode=1,twin_events=1,delay=300ms").build().start()) {
            Shop shop = new Shop(emulator);
            long before = System.nanoTime();
            shop.customer("a@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertTrue(System.nanoTime() - before >= Duration.ofMillis(300).toNanos(), "deliveries were held back");

            List<Event> events = shop.stripe.v1().events().list().getData();
            assertEquals(2, events.size(), "one change, two Event objects");
            assertNotEquals(events.get(0).getId(), events.get(1).getId());
            assertEquals(events.get(0).getData().toJson(), events.get(1).getData().toJson());
            for (WebhookReceiver.Delivery delivery : receiver.received()) {
                Event event = Webhook.constructEvent(delivery.body(), delivery.signature(), emulator.webhookSecret());
                assertTrue(event.getLivemode(), "a test event claiming live mode");
            }
            assertEquals(2, receiver.received().size());
        }
    }

    @Test
    void theControlSurfaceSetsAndShowsFaults() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(receiver.url()).build().start()) {
            Browser browser = new Browser();
            HttpResponse<String> set = browser.submit(emulator.baseUrl() + "/_emulator/faults",
                    Map.of("seed", "5", "drop", "1"));
            assertEquals(200, set.statusCode(), set.body());
            assertTrue(set.body().contains("drop=1.0"), set.body());
            new Shop(emulator).customer("a@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals(0, receiver.received().size());
            assertEquals("dropped (fault injection)", emulator.deliveries().get(0).lastError());

            assertEquals(400, browser.submit(emulator.baseUrl() + "/_emulator/faults", Map.of("drop", "2"))
                    .statusCode());
            browser.submit(emulator.baseUrl() + "/_emulator/faults", Map.of());
            new Shop(emulator).customer("b@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals(1, receiver.received().size(), "no fields: faithful again");
        }
    }
}
