package dev.tollgate.payments.infrastructure.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.net.ApiResource;
import dev.tollgate.payments.domain.model.CheckoutSession;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.model.StripePage;
import dev.tollgate.payments.domain.model.Subscription;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Answer;
import dev.tollgate.payments.infrastructure.stripe.StripeOnLoopback.Received;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation pages over real HTTP: what one call asks Stripe for, how pages continue, and that what a page
 * holds reads as a webhook delivery or a retrieved subscription of the same JSON does.
 */
class StripeListPagesTest {

    private static final long NOW = 1_764_000_000L;

    private StripeOnLoopback stripe;
    private StripeClientGateway gateway;

    @BeforeEach
    void stripe() throws IOException {
        stripe = new StripeOnLoopback();
        gateway = stripe.gateway(new PatientRetries());
    }

    @AfterEach
    void close() {
        stripe.close();
    }

    @Test
    void oneCallAsksForEventsCreatedSinceTheMomentOfTheGivenTypesAHundredAtATime() {
        stripe.alwaysAnswer("/v1/events", Answer.ok(StripeShapes.list("/v1/events", false, List.of())));

        gateway.events(Instant.ofEpochSecond(NOW, 900_000_000), Set.of("invoice.paid", "customer.subscription.updated",
                "charge.refunded"), Optional.empty());

        Received call = single(stripe.received());
        assertEquals("GET", call.method());
        assertEquals("/v1/events", call.path());
        assertEquals(Long.toString(NOW), call.param("created[gte]"), "whole seconds, the moment itself included");
        assertEquals(List.of("charge.refunded", "customer.subscription.updated", "invoice.paid"),
                call.array("types"));
        assertEquals("100", call.param("limit"));
        assertNull(call.param("starting_after"));
    }

    @Test
    void withoutTypesEveryTypeIsAskedFor() {
        stripe.alwaysAnswer("/v1/events", Answer.ok(StripeShapes.list("/v1/events", false, List.of())));

        gateway.events(Instant.ofEpochSecond(NOW), Set.of(), Optional.empty());

        Received call = single(stripe.received());
        assertEquals(List.of(), call.array("types"));
        assertFalse(call.params().containsKey("types"), "an empty types= would be a different question");
    }

    @Test
    void moreThanTwentyTypesAreRefusedBeforeAnythingIsSent() {
        Set<String> types = IntStream.rangeClosed(1, 21).mapToObj(i -> "type." + i).collect(Collectors.toSet());

        assertThrows(IllegalArgumentException.class,
                () -> gateway.events(Instant.ofEpochSecond(NOW), types, Optional.empty()));
        assertEquals(List.of(), stripe.received());
    }

    @Test
    void eventPagesContinueAfterTheirLastEventUntilStripeHasNoMore() {
        stripe.thenAnswer("/v1/events",
                Answer.ok(StripeShapes.list("/v1/events", true, List.of(
                        StripeShapes.subscriptionEvent("evt_3", "sub_1", NOW + 3),
                        StripeShapes.subscriptionEvent("evt_2", "sub_1", NOW + 2)))),
                Answer.ok(StripeShapes.list("/v1/events", false, List.of(
                        StripeShapes.subscriptionEvent("evt_1", "sub_1", NOW + 1)))));

        StripePage<StripeEvent> first = gateway.events(Instant.ofEpochSecond(NOW), Set.of(), Optional.empty());
        StripePage<StripeEvent> second = gateway.events(Instant.ofEpochSecond(NOW), Set.of(), first.nextCursor());

        assertEquals(List.of("evt_3", "evt_2"), first.items().stream().map(StripeEvent::id).toList());
        assertEquals(Optional.of("evt_2"), first.nextCursor());
        assertEquals("evt_2", stripe.received().get(1).param("starting_after"));
        assertEquals(List.of("evt_1"), second.items().stream().map(StripeEvent::id).toList());
        assertFalse(second.hasMore());
    }

    @Test
    void aListedEventIsTheEventAWebhookDeliveryOfItsJsonWouldGivePayloadIncluded() {
        // Escapes and brackets inside strings that a parse-and-rewrite would change or a naive cut would trip on.
        String webhookBody = StripeShapes.subscriptionEvent("evt_listed", "sub_listed", NOW)
                .replaceFirst("\"metadata\": \\{}",
                        "\"metadata\": {\"note\": \"caf\\\\u00e9 ]}, \\\\\"quoted\\\\\" \\\\u003cb\\\\u003e\"}");
        assertTrue(webhookBody.contains("caf\\u00e9 ]}, \\\"quoted\\\""), webhookBody);
        stripe.alwaysAnswer("/v1/events", Answer.ok(StripeShapes.list("/v1/events", false, List.of(
                webhookBody, StripeShapes.subscriptionEvent("evt_other", "sub_other", NOW)))));

        StripeEvent listed = gateway.events(Instant.ofEpochSecond(NOW), Set.of(), Optional.empty()).items().get(0);

        StripeEvent delivered = StripeEventReader.read(webhookBody);
        assertEquals(delivered, listed);
        assertEquals(webhookBody, listed.payload());
        assertEquals("sub_listed", listed.subscription().orElseThrow().id());
    }

    @Test
    void aPageThatHoldsNoReadableEventIsABrokenAnswerFromStripe() {
        stripe.alwaysAnswer("/v1/events", Answer.ok(StripeShapes.list("/v1/events", false, List.of(
                StripeShapes.pretty(StripeShapes.subscription("sub_not_an_event"))))));

        assertThrows(StripeUnavailableException.class,
                () -> gateway.events(Instant.ofEpochSecond(NOW), Set.of(), Optional.empty()));
    }

    @Test
    void oneCallAsksForSubscriptionsOfEveryStatusAHundredAtATimeAfterTheCursor() {
        stripe.alwaysAnswer("/v1/subscriptions", Answer.ok(StripeShapes.list("/v1/subscriptions", false, List.of())));

        gateway.allSubscriptions(Optional.of("sub_before"));

        Received call = single(stripe.received());
        assertEquals("GET", call.method());
        assertEquals("/v1/subscriptions", call.path());
        assertEquals("all", call.param("status"));
        assertEquals("100", call.param("limit"));
        assertEquals("sub_before", call.param("starting_after"));
        assertNull(call.param("customer"));
    }

    @Test
    void aListedSubscriptionReadsAsTheSameSubscriptionRetrieved() {
        stripe.alwaysAnswer("/v1/subscriptions", Answer.ok(StripeShapes.list("/v1/subscriptions", true, List.of(
                StripeShapes.pretty(StripeShapes.subscription("sub_b")),
                StripeShapes.pretty(StripeShapes.subscription("sub_a"))))));

        StripePage<Subscription> page = gateway.allSubscriptions(Optional.empty());

        Subscription retrieved = StripeTranslation.subscription(ApiResource.GSON.fromJson(
                StripeShapes.subscription("sub_b"), com.stripe.model.Subscription.class));
        assertEquals(retrieved, page.items().get(0));
        assertNotEquals(List.of(), retrieved.prices(), "the items' prices come with the list");
        assertNotNull(retrieved.currentPeriodEnd(), "the items' periods come with the list");
        assertEquals(Optional.of("sub_a"), page.nextCursor());
    }

    @Test
    void theLastSubscriptionPageHasNoCursor() {
        stripe.alwaysAnswer("/v1/subscriptions", Answer.ok(StripeShapes.list("/v1/subscriptions", false, List.of(
                StripeShapes.pretty(StripeShapes.subscription("sub_last"))))));

        StripePage<Subscription> page = gateway.allSubscriptions(Optional.of("sub_b"));

        assertEquals(List.of("sub_last"), page.items().stream().map(Subscription::id).toList());
        assertFalse(page.hasMore());
    }

    @Test
    void oneCallAsksForCompleteCheckoutsOpenedSinceTheMomentAHundredAtATimeAfterTheCursor() {
        stripe.alwaysAnswer("/v1/checkout/sessions", Answer.ok(StripeShapes.list("/v1/checkout/sessions", false,
                List.of())));

        gateway.completedCheckouts(Optional.of(Instant.ofEpochSecond(NOW, 900_000_000)), Optional.empty(),
                Optional.of("cs_before"));

        Received call = single(stripe.received());
        assertEquals("GET", call.method());
        assertEquals("/v1/checkout/sessions", call.path());
        assertEquals("complete", call.param("status"));
        assertEquals(Long.toString(NOW), call.param("created[gte]"), "whole seconds, the moment itself included");
        assertEquals("100", call.param("limit"));
        assertEquals("cs_before", call.param("starting_after"));
        assertNull(call.param("created[lt]"), "no upper bound asked for");
    }

    @Test
    void theFirstListingOfCheckoutsHasNoLowerBound() {
        stripe.alwaysAnswer("/v1/checkout/sessions", Answer.ok(StripeShapes.list("/v1/checkout/sessions", false,
                List.of())));

        gateway.completedCheckouts(Optional.empty(), Optional.empty(), Optional.empty());

        Received call = single(stripe.received());
        assertNull(call.param("created[gte]"));
        assertNull(call.param("starting_after"));
    }

    @Test
    void theProbeForOpenCheckoutsOpenedBeforeTheRecordsAsksForOneWithinTheWindow() {
        stripe.alwaysAnswer("/v1/checkout/sessions", Answer.ok(StripeShapes.list("/v1/checkout/sessions", true,
                List.of(StripeShapes.checkout("cs_new", "payment", "unpaid", "100")))));

        boolean any = gateway.anyCheckoutStillOpen(Optional.of(Instant.ofEpochSecond(NOW - 60, 900_000_000)),
                Optional.of(Instant.ofEpochSecond(NOW)));

        assertTrue(any);
        Received call = single(stripe.received());
        assertEquals("1", call.param("limit"));
        assertEquals("open", call.param("status"));
        assertEquals(Long.toString(NOW - 60), call.param("created[gte]"));
        assertEquals(Long.toString(NOW), call.param("created[lt]"), "the records' first second excluded");
    }

    @Test
    void theProbeForOpenCheckoutsAsksForOneOpenAndFindsNoneInAnEmptyList() {
        stripe.alwaysAnswer("/v1/checkout/sessions", Answer.ok(StripeShapes.list("/v1/checkout/sessions", false,
                List.of())));

        boolean any = gateway.anyCheckoutStillOpen(Optional.empty(), Optional.empty());

        assertFalse(any);
        Received call = single(stripe.received());
        assertEquals("open", call.param("status"));
        assertEquals("1", call.param("limit"));
        assertNull(call.param("created[gte]"));
    }

    @Test
    void aListedCheckoutReadsItsPaymentAndTheCreditsItsMetadataNames() {
        stripe.alwaysAnswer("/v1/checkout/sessions", Answer.ok(StripeShapes.list("/v1/checkout/sessions", true,
                List.of(StripeShapes.checkout("cs_pack", "payment", "paid", "100"),
                        StripeShapes.checkout("cs_plan", "subscription", "paid", null)))));

        StripePage<CheckoutSession> page = gateway.completedCheckouts(Optional.empty(), Optional.empty(),
                Optional.empty());

        CheckoutSession pack = page.items().get(0);
        assertEquals("cs_pack", pack.id());
        assertEquals("cus_buyer", pack.customerId());
        assertEquals("user_buyer", pack.clientReferenceId());
        assertTrue(pack.isPaid());
        assertEquals(100, pack.credits());
        assertFalse(page.items().get(1).sellsCredits(), "a subscription's Checkout sells no credits");
        assertEquals(Optional.of("cs_plan"), page.nextCursor());
    }

    private static Received single(List<Received> received) {
        assertEquals(1, received.size(), () -> "requests: " + received);
        return received.get(0);
    }
}
