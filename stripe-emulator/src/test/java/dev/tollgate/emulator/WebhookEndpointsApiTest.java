package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.Webhook;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v1/webhook_endpoints}: what is delivered where is decided by each endpoint's enabled events. */
class WebhookEndpointsApiTest {

    private static List<String> types(WebhookReceiver receiver, String secret) throws Exception {
        List<String> types = new ArrayList<>();
        for (WebhookReceiver.Delivery delivery : receiver.received()) {
            types.add(Webhook.constructEvent(delivery.body(), delivery.signature(), secret).getType());
        }
        return types;
    }

    @Test
    void eachEndpointGetsItsEnabledEventsSignedWithItsOwnSecret() throws Exception {
        try (WebhookReceiver configured = new WebhookReceiver();
                WebhookReceiver invoices = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().webhookEndpoint(configured.url()).build()
                        .start()) {
            Shop shop = new Shop(emulator);
            WebhookEndpoint created = shop.stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams
                    .builder().setUrl(invoices.url())
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.INVOICE__PAID)
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__SUBSCRIPTION__CREATED)
                    .build());
            assertTrue(created.getSecret().startsWith("whsec_"));
            assertEquals("enabled", created.getStatus());

            List<WebhookEndpoint> listed = shop.stripe.v1().webhookEndpoints().list().getData();
            assertEquals(2, listed.size(), "the builder's endpoint is one of them");
            assertTrue(listed.stream().anyMatch(endpoint -> configured.url().equals(endpoint.getUrl())));
            assertNull(shop.stripe.v1().webhookEndpoints().retrieve(created.getId()).getSecret(),
                    "the secret is shown on create only");

            shop.subscribe("4242424242424242", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals(List.of("customer.subscription.created", "invoice.paid"),
                    types(invoices, created.getSecret()));
            assertTrue(types(configured, emulator.webhookSecret()).size() > 5, "the catch-all endpoint got all");

            shop.stripe.v1().webhookEndpoints().update(created.getId(), WebhookEndpointUpdateParams.builder()
                    .setDisabled(true).build());
            shop.subscribe("4242424242424242", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals(2, invoices.received().size(), "a disabled endpoint gets nothing");

            shop.stripe.v1().webhookEndpoints().update(created.getId(), WebhookEndpointUpdateParams.builder()
                    .setDisabled(false)
                    .addEnabledEvent(WebhookEndpointUpdateParams.EnabledEvent.CUSTOMER__CREATED).build());
            shop.customer("c@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals("customer.created", types(invoices, created.getSecret()).get(2));

            assertTrue(shop.stripe.v1().webhookEndpoints().delete(created.getId()).getDeleted());
            assertThrows(InvalidRequestException.class,
                    () -> shop.stripe.v1().webhookEndpoints().retrieve(created.getId()));
            shop.customer("d@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));
            assertEquals(3, invoices.received().size());
        }
    }

    @Test
    void anEndpointOnAnotherApiVersionGetsEventsLabelledSoAndStripeJavaDeclinesToReadThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                StripeEmulator emulator = StripeEmulator.builder().build().start()) {
            Shop shop = new Shop(emulator);
            WebhookEndpoint basil = shop.stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                    .setUrl(receiver.url()).setApiVersion(WebhookEndpointCreateParams.ApiVersion
                            .VERSION_2025_03_31_BASIL)
                    .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).build());
            assertEquals("2025-03-31.basil", basil.getApiVersion());
            shop.customer("a@example.com", null);
            assertTrue(emulator.awaitDeliveriesIdle(Duration.ofSeconds(10)));

            WebhookReceiver.Delivery delivery = receiver.received().get(0);
            Event event = Webhook.constructEvent(delivery.body(), delivery.signature(), basil.getSecret());
            assertEquals("2025-03-31.basil", event.getApiVersion());
            assertTrue(event.getDataObjectDeserializer().getObject().isEmpty());
        }
    }

    @Test
    void createNeedsAUrlAndEnabledEvents() throws Exception {
        try (StripeEmulator emulator = StripeEmulator.builder().build().start()) {
            Shop shop = new Shop(emulator);
            InvalidRequestException missing = assertThrows(InvalidRequestException.class, () ->
                    shop.stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
                            .setUrl("http://127.0.0.1:1/hook").build()));
            assertEquals("enabled_events", missing.getParam());
        }
    }
}
