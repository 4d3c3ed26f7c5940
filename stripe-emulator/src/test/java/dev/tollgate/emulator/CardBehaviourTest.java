package dev.tollgate.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.DisputeListParams;
import com.stripe.param.InvoiceRetrieveParams;
import com.stripe.param.SubscriptionListParams;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test cards beyond 4242: declines, 3-D Secure on the hosted page, disputes that a test closes. */
class CardBehaviourTest extends EmulatorTest {

    @Test
    void declinedCardsLeaveTheSessionOpenAndCreateNoSubscription() throws Exception {
        String customer = shop.customer("a@example.com", null);
        Session session = shop.proSession(customer, params -> params);
        for (String card : List.of("4000 0000 0000 0002", "4000000000009995")) {
            HttpResponse<String> answer = shop.pay(session, card);
            assertEquals(402, answer.statusCode(), card);
        }
        assertEquals("open", shop.stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());
        assertTrue(shop.stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer)
                .build()).getData().isEmpty());
    }

    @Test
    void card3220AsksForAuthenticationAndPaysOnlyWhenApproved() throws Exception {
        Session session = shop.proSession(shop.customer("a@example.com", null), params -> params);
        HttpResponse<String> challenge = shop.pay(session, "4000 0000 0000 3220");
        assertEquals(200, challenge.statusCode());
        assertTrue(challenge.body().contains("/checkout/" + session.getId() + "/authenticate"), challenge.body());
        assertEquals("open", shop.stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());

        String authenticate = session.getUrl() + "/authenticate";
        HttpResponse<String> failed = shop.browser.submit(authenticate,
                Map.of("card_number", "4000000000003220", "result", "fail"));
        assertEquals(402, failed.statusCode());
        assertTrue(failed.body().contains("unable to authenticate"), failed.body());
        assertEquals("open", shop.stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus());

        HttpResponse<String> approved = shop.browser.submit(authenticate,
                Map.of("card_number", "4000000000003220", "result", "approve"));
        assertEquals(303, approved.statusCode());
        Session paid = shop.stripe.v1().checkout().sessions().retrieve(session.getId());
        assertEquals("complete", paid.getStatus());
        assertEquals("active", shop.stripe.v1().subscriptions().retrieve(paid.getSubscription()).getStatus());
    }

    private Dispute disputedPurchase() throws Exception {
        Subscription subscription = shop.subscribe("4000 0000 0000 0259", null);
        assertEquals("active", subscription.getStatus(), "the payment itself succeeds");
        Invoice invoice = shop.stripe.v1().invoices().retrieve(subscription.getLatestInvoice(),
                InvoiceRetrieveParams.builder().addExpand("payments").build());
        String intent = invoice.getPayments().getData().get(0).getPayment().getPaymentIntent();
        List<Dispute> disputes = shop.stripe.v1().disputes().list(
                DisputeListParams.builder().setPaymentIntent(intent).build()).getData();
        assertEquals(1, disputes.size());
        Dispute dispute = disputes.get(0);
        assertEquals("needs_response", dispute.getStatus());
        assertEquals("fraudulent", dispute.getReason());
        Charge charge = shop.stripe.v1().charges().retrieve(dispute.getCharge());
        assertTrue(charge.getDisputed());
        assertTrue(emulator.eventTypes().contains("charge.dispute.created"));
        return dispute;
    }

    private Event closedEvent() throws Exception {
        return shop.events().stream().filter(e -> e.getType().equals("charge.dispute.closed")).findFirst()
                .orElseThrow();
    }

    @Test
    void card0259IsDisputedAndTheControlSurfaceClosesItAsLost() throws Exception {
        Dispute dispute = disputedPurchase();

        HttpResponse<String> resolved = shop.browser.submit(
                emulator.baseUrl() + "/_emulator/disputes/" + dispute.getId() + "/resolve", Map.of("status", "lost"));
        assertEquals(200, resolved.statusCode(), resolved.body());

        assertEquals("lost", shop.stripe.v1().disputes().retrieve(dispute.getId()).getStatus());
        Dispute inEvent = (Dispute) closedEvent().getDataObjectDeserializer().getObject().orElseThrow();
        assertEquals("lost", inEvent.getStatus());
        assertEquals(dispute.getCharge(), inEvent.getCharge());
    }

    @Test
    void aDisputeCanBeWonAndClosingTwiceIsRefused() throws Exception {
        Dispute dispute = disputedPurchase();

        emulator.resolveDispute(dispute.getId(), true);
        assertEquals("won", shop.stripe.v1().disputes().retrieve(dispute.getId()).getStatus());
        assertEquals("won", ((Dispute) closedEvent().getDataObjectDeserializer().getObject().orElseThrow())
                .getStatus());
        assertTrue(emulator.eventTypes().contains("charge.dispute.funds_reinstated"));
        assertThrows(InvalidRequestException.class,
                () -> shop.stripe.v1().disputes().close(dispute.getId()));
    }

    @Test
    void closingThroughTheApiAcceptsTheDispute() throws Exception {
        Dispute dispute = disputedPurchase();
        Dispute closed = shop.stripe.v1().disputes().close(dispute.getId());
        assertEquals("lost", closed.getStatus());
        assertEquals("lost", ((Dispute) closedEvent().getDataObjectDeserializer().getObject().orElseThrow())
                .getStatus());
        assertNull(closedEvent().getData().getPreviousAttributes().get("charge"), "only the status changed");
        assertEquals("needs_response", closedEvent().getData().getPreviousAttributes().get("status"));
    }
}
