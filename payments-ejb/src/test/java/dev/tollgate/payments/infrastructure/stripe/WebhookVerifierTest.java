package dev.tollgate.payments.infrastructure.stripe;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookVerifierTest {

    private static final String SECRET = "whsec_current_secret";
    private static final String OLD_SECRET = "whsec_previous_secret";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final WebhookVerifier verifier = new WebhookVerifier(List.of(OLD_SECRET, SECRET),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static String event(String type, String object) {
        return "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"" + Stripe.API_VERSION + "\","
                + "\"created\":" + NOW.getEpochSecond() + ",\"livemode\":false,\"type\":\"" + type + "\","
                + "\"data\":{\"object\":" + object + "}}";
    }

    private static String sign(String payload, String secret, long timestamp) throws Exception {
        return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
    }

    @Test
    void aCorrectlySignedCheckoutEventIsReadFromTheRawJson() throws Exception {
        String payload = event("checkout.session.completed", "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\","
                + "\"customer\":\"cus_1\",\"client_reference_id\":\"alice\"}");
        StripeEvent event = verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond()));
        assertEquals("evt_1", event.id());
        assertEquals("cs_test_1", event.objectId());
        assertEquals("cus_1", event.customerId().orElseThrow());
        assertEquals("alice", event.clientReferenceId().orElseThrow());
    }

    @Test
    void aSignatureWithThePreviousSecretIsAcceptedDuringRotation() throws Exception {
        String payload = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}");
        StripeEvent event = verifier.verify(payload, sign(payload, OLD_SECRET, NOW.getEpochSecond()));
        assertEquals("cus_9", event.customerId().orElseThrow());
    }

    @Test
    void forgedStaleFutureAndGarbageDeliveriesAreAllRejected() throws Exception {
        String payload = event("invoice.paid", "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\"}");
        long now = NOW.getEpochSecond();
        assertRejected(payload, sign(payload, "whsec_someone_else", now), "signature does not match");
        assertRejected(payload, sign(payload, SECRET, now - 301), "signature does not match");
        assertRejected(payload, sign(payload, SECRET, now + 3600), "in the future");
        assertRejected(payload, null, "missing Stripe-Signature");
        assertRejected(payload, "t=abc,v1=00", "malformed");
        assertRejected(payload, "v1=00", "malformed");
        assertRejected("{not json", sign("{not json", SECRET, now), "malformed");
        String noData = "{\"id\":\"evt_2\",\"object\":\"event\",\"created\":1,\"type\":\"x\"}";
        assertRejected(noData, sign(noData, SECRET, now), "");
        String tampered = payload.replace("cus_1", "cus_2");
        assertRejected(tampered, sign(payload, SECRET, now), "signature does not match");
    }

    private void assertRejected(String payload, String header, String reasonFragment) {
        RejectedWebhookException rejected = assertThrows(RejectedWebhookException.class,
                () -> verifier.verify(payload, header));
        assertTrue(rejected.getMessage().contains(reasonFragment), rejected.getMessage());
    }

    @Test
    void aSubscriptionIsTakenFromThePayloadOnlyWhenRenderedAtThePinnedRelease() throws Exception {
        String subscription = "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"cus_1\","
                + "\"status\":\"active\",\"cancel_at_period_end\":false,\"created\":1,\"items\":{\"object\":\"list\","
                + "\"data\":[{\"id\":\"si_1\",\"object\":\"subscription_item\",\"current_period_start\":100,"
                + "\"current_period_end\":200,\"price\":{\"id\":\"price_pro\",\"object\":\"price\"}}]}}";
        String current = event("customer.subscription.updated", subscription);
        StripeEvent readable = verifier.verify(current, sign(current, SECRET, NOW.getEpochSecond()));
        assertEquals(Instant.ofEpochSecond(200), readable.subscription().orElseThrow().currentPeriodEnd());
        assertEquals("sub_1", readable.subscriptionId().orElseThrow());

        String basil = current.replace(Stripe.API_VERSION, "2025-03-31.basil");
        StripeEvent older = verifier.verify(basil, sign(basil, SECRET, NOW.getEpochSecond()));
        assertTrue(older.subscription().isEmpty(), "another release: ask Stripe instead of guessing");
        assertEquals("sub_1", older.subscriptionId().orElseThrow());
    }

    @Test
    void aV2ThinEventIsRejected() throws Exception {
        String thin = "{\"id\":\"evt_v2\",\"object\":\"v2.core.event\",\"type\":\"v1.billing.meter.error_report_triggered\","
                + "\"created\":\"2026-11-23T12:00:00.000Z\",\"related_object\":{\"id\":\"mtr_1\"}}";
        assertRejected(thin, sign(thin, SECRET, NOW.getEpochSecond()), "not a Stripe v1 event");
    }

    @Test
    void nestedAndExpandedFieldsAreFoundWhateverTheirPlaceInTheBody() throws Exception {
        String invoice = event("invoice.paid", "{\"lines\":{\"data\":[{\"id\":\"il_1\",\"customer\":\"cus_wrong\"}]},"
                + "\"parent\":{\"subscription_details\":{\"subscription\":{\"id\":\"sub_7\",\"object\":\"subscription\"}},"
                + "\"type\":\"subscription_details\"},\"customer\":{\"id\":\"cus_7\",\"object\":\"customer\"},"
                + "\"id\":\"in_7\",\"object\":\"invoice\"}");
        StripeEvent paid = verifier.verify(invoice, sign(invoice, SECRET, NOW.getEpochSecond()));
        assertEquals("cus_7", paid.customerId().orElseThrow());
        assertEquals("sub_7", paid.subscriptionId().orElseThrow());
        assertEquals("in_7", paid.objectId());

        String charge = event("charge.refunded", "{\"id\":\"ch_1\",\"object\":\"charge\",\"customer\":\"cus_1\","
                + "\"amount_refunded\":1500,\"refunded\":true,\"metadata\":{}}");
        StripeEvent refunded = verifier.verify(charge, sign(charge, SECRET, NOW.getEpochSecond()));
        assertEquals(1500, refunded.reversal().orElseThrow().amount());
        assertTrue(refunded.reversal().orElseThrow().full());

        String trailing = invoice + " {}";
        assertRejected(trailing, sign(trailing, SECRET, NOW.getEpochSecond()), "malformed");
        String thin = "{\"id\":\"evt_3\",\"object\":\"v2.core.event\",\"type\":\"x\",\"created\":\"2026-11-23T12:00:00Z\"}";
        assertRejected(thin, sign(thin, SECRET, NOW.getEpochSecond()), "not a Stripe v1 event");
    }

    @Test
    void aCorrectlySignedBodyThatIsNotStrictJsonIsRejected() throws Exception {
        String strict = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}");
        List<String> lenientOnly = List.of(
                strict.replace("{\"id\":\"evt_1\"", "{/* a comment */\"id\":\"evt_1\""),
                strict.replace("\"object\":\"customer\"", "'object':'customer'"),
                strict.replace("\"object\":\"customer\"", "object:\"customer\""),
                strict.replace("{\"id\":\"evt_1\"", "{\"id\":\"evt_1\",\"id\":\"evt_other\""),
                strict.replace("\"object\":\"customer\"", "\"object\":\"customer\",\"metadata\":{\"a\":1,\"a\":2}"),
                strict.replace("\"livemode\":false", "\"livemode\":false,\"x\":" + "[".repeat(65) + "]".repeat(65)),
                strict + " // trailing comment");
        for (String body : lenientOnly) {
            assertRejected(body, sign(body, SECRET, NOW.getEpochSecond()), "malformed webhook body");
        }
        assertEquals("cus_9", verifier.verify(strict, sign(strict, SECRET, NOW.getEpochSecond())).objectId());
    }

    @Test
    void idsLongerThanTheirColumnAreRejectedNotCut() throws Exception {
        String longEventId = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}")
                .replace("\"evt_1\"", "\"evt_" + "x".repeat(252) + "\"");
        assertRejected(longEventId, sign(longEventId, SECRET, NOW.getEpochSecond()), "event id is longer than 255");
        String longObjectId = event("customer.created", "{\"id\":\"cus_" + "x".repeat(300) + "\",\"object\":\"customer\"}");
        assertRejected(longObjectId, sign(longObjectId, SECRET, NOW.getEpochSecond()), "data.object.id is longer");
        String longType = event("x".repeat(101), "{\"id\":\"cus_9\",\"object\":\"customer\"}");
        assertRejected(longType, sign(longType, SECRET, NOW.getEpochSecond()), "event type is longer than 100");
        String longest = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}")
                .replace("\"evt_1\"", "\"evt_" + "x".repeat(251) + "\"");
        assertEquals(255, verifier.verify(longest, sign(longest, SECRET, NOW.getEpochSecond())).id().length());
    }

    @Test
    void anEventIdOrTypeThatIsNotAStringIsRejected() throws Exception {
        String numericId = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}")
                .replace("\"evt_1\"", "42");
        assertRejected(numericId, sign(numericId, SECRET, NOW.getEpochSecond()), "not a Stripe v1 event");
        String objectType = event("customer.created", "{\"id\":\"cus_9\",\"object\":\"customer\"}")
                .replace("\"customer.created\"", "{\"name\":\"customer.created\"}");
        assertRejected(objectType, sign(objectType, SECRET, NOW.getEpochSecond()), "not a Stripe v1 event");
    }
}
