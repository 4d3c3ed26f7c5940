package dev.tollgate.web.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.application.WebhookIntake;
import dev.tollgate.payments.application.WebhookReceipt;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.web.FakeHttp;
import dev.tollgate.web.RecordingPublisher;
import dev.tollgate.web.TestSettings;
import dev.tollgate.web.health.WebhookTimings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each receipt of the intake, and each delivery refused before it, mapped to its status and body. */
class WebhookServletTest {

    private WebhookReceipt receipt = new WebhookReceipt.Acknowledged("processed", List.of());
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final WebhookTimings timings = new WebhookTimings();
    private String received;

    private FakeHttp.Response deliver(FakeHttp.Request request) throws Exception {
        WebhookServlet servlet = new WebhookServlet();
        servlet.config = TestSettings.config("PAYMENTS_WEBHOOK_MAX_BYTES", "64");
        servlet.publisher = publisher;
        servlet.timings = timings;
        servlet.refusedDeliveries = new RefusedDeliveries();
        servlet.intake = new WebhookIntake() {
            @Override
            public WebhookReceipt receive(String payload, String signatureHeader) {
                received = payload + " / " + signatureHeader;
                return receipt;
            }
        };
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    private static FakeHttp.Request signed(String body) {
        return FakeHttp.Request.post("/stripe/webhook").body("application/json; charset=utf-8", body)
                .header("Stripe-Signature", "t=1,v1=abc");
    }

    @Test
    void anAcknowledgedEventIs200WithItsStatusAndItsChangesArePublished() throws Exception {
        EntitlementChanged change = new EntitlementChanged("alice", 4);
        receipt = new WebhookReceipt.Acknowledged("processed", List.of(change));
        FakeHttp.Response response = deliver(signed("{\"id\":\"evt_1\"}"));
        assertEquals(200, response.status());
        assertEquals("application/json;charset=UTF-8", response.contentType());
        assertEquals("{\"received\":true,\"status\":\"processed\"}", response.body());
        assertEquals("{\"id\":\"evt_1\"} / t=1,v1=abc", received, "the raw body and the header reach the intake");
        assertEquals(List.of(change), publisher.published);
    }

    @Test
    void duplicatesAndEventsFailedForGoodAre200Too() throws Exception {
        receipt = new WebhookReceipt.Acknowledged("duplicate", List.of());
        assertEquals("{\"received\":true,\"status\":\"duplicate\"}", deliver(signed("{}")).body());
        receipt = new WebhookReceipt.Acknowledged(WebhookIntake.FAILED_FOR_GOOD, List.of());
        FakeHttp.Response failedForGood = deliver(signed("{}"));
        assertEquals(200, failedForGood.status());
        assertEquals("{\"received\":true,\"status\":\"failed\"}", failedForGood.body());
    }

    @Test
    void aRefusedDeliveryIs400WithTheReason() throws Exception {
        receipt = new WebhookReceipt.Refused("live event sent to a test-mode endpoint");
        FakeHttp.Response response = deliver(signed("{}"));
        assertEquals(400, response.status());
        assertEquals("text/plain;charset=UTF-8", response.contentType());
        assertEquals("Webhook refused: live event sent to a test-mode endpoint.", response.body().strip());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void anUnknownCustomerIs503AndAnyOtherFailure500SoStripeRetries() throws Exception {
        receipt = new WebhookReceipt.NotYet();
        FakeHttp.Response notYet = deliver(signed("{}"));
        assertEquals(503, notYet.status());
        assertEquals("Customer not known yet; retry later.", notYet.body().strip());
        receipt = new WebhookReceipt.Failed();
        FakeHttp.Response failed = deliver(signed("{}"));
        assertEquals(500, failed.status());
        assertEquals("Processing failed; retry later.", failed.body().strip());
    }

    @Test
    void anythingButPostIs405OfOursNamingPost() throws Exception {
        FakeHttp.Response response = deliver(FakeHttp.Request.get("/stripe/webhook"));
        assertEquals(405, response.status());
        assertEquals("POST", response.header("Allow"));
        assertEquals("Method not allowed: Stripe webhooks are POSTed.", response.body().strip());
        assertEquals(null, received, "the intake never saw it");
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        FakeHttp.Response response = deliver(FakeHttp.Request.post("/stripe/webhook").body("text/plain", "{}"));
        assertEquals(415, response.status());
        assertEquals(null, received);
    }

    @Test
    void aBodyOverTheCapIs413AndNotPassedOn() throws Exception {
        FakeHttp.Response response = deliver(signed("{\"padding\":\"" + "x".repeat(64) + "\"}"));
        assertEquals(413, response.status());
        assertEquals("Payload too large.", response.body().strip());
        assertEquals(null, received);
        assertEquals(200, deliver(signed("{\"padding\":\"" + "x".repeat(50) + "\"}")).status(), "64 bytes pass");
    }

    /** A body sent without a declared length is read up to the cap, and refused beyond it, all the same. */
    @Test
    void aChunkedBodyIsReadWholeAndCappedAlike() throws Exception {
        String fits = "{\"padding\":\"" + "x".repeat(50) + "\"}";
        assertEquals(200, deliver(signed(fits).chunked()).status());
        assertEquals(fits + " / t=1,v1=abc", received);
        received = null;
        FakeHttp.Response tooLarge = deliver(signed("{\"padding\":\"" + "x".repeat(64) + "\"}").chunked());
        assertEquals(413, tooLarge.status());
        assertEquals(null, received);
    }
}
