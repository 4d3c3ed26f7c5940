package dev.tollgate.web.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.payments.application.ConfirmedReturn;
import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.web.FakeHttp;
import dev.tollgate.web.RecordingPublisher;
import dev.tollgate.web.ServiceFailures;
import dev.tollgate.web.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The return from Checkout: each bad input and each refusal of the service, mapped to its status. */
class ReturnServletTest {

    private final ScriptedCheckout checkout = new ScriptedCheckout();
    private final RecordingPublisher publisher = new RecordingPublisher();

    private FakeHttp.Response get(FakeHttp.Request request) throws Exception {
        ReturnServlet servlet = new ReturnServlet();
        servlet.checkout = checkout;
        servlet.publisher = publisher;
        servlet.config = TestSettings.config("PAYMENTS_SUCCESS_URL", "/shop/welcome");
        servlet.failures = new ServiceFailures();
        servlet.users = CheckoutServletTest.noHandOffs();
        servlet.returnPages = CheckoutServletTest.ownLoginPages();
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    private static FakeHttp.Request returning(String sessionId) {
        return FakeHttp.Request.get("/billing/return").user("alice").parameter("session_id", sessionId);
    }

    private FakeHttp.Response refusedWith(RuntimeException failure) throws Exception {
        checkout.returned = () -> {
            throw failure;
        };
        return get(returning("cs_test_1"));
    }

    @Test
    void aPaidCheckoutGrantsAccessPublishesTheChangeAndLandsOnTheSuccessPage() throws Exception {
        EntitlementChanged change = new EntitlementChanged("alice", 1);
        checkout.returned = () -> ConfirmedReturn.made(change);
        FakeHttp.Response response = get(returning("cs_test_1"));
        assertEquals(303, response.status());
        assertEquals("/shop/welcome", response.header("Location"));
        assertEquals("cs_test_1", checkout.lastSession);
        assertEquals(List.of(change), publisher.published);
        assertEquals(List.of(), publisher.versionsTold);
    }

    /**
     * The webhook made the change a moment before and may not have told the gate yet: the return tells the board the
     * version it found, so the landing page does not show the old snapshot; no change is announced twice.
     */
    @Test
    void aCheckoutTheWebhookAppliedTellsTheGateTheVersionFoundAndAnnouncesNoChange() throws Exception {
        checkout.returned = () -> ConfirmedReturn.alreadyAt(3);
        FakeHttp.Response response = get(returning("cs_test_1"));
        assertEquals(303, response.status());
        assertEquals("/shop/welcome", response.header("Location"));
        assertEquals(List.of(), publisher.published);
        assertEquals(List.of("alice@3"), publisher.versionsTold);
    }

    @Test
    void aCheckoutThatNamedAListedAppPageLandsThere() throws Exception {
        FakeHttp.Response response = get(returning("cs_test_1")
                .parameter("return_to", "https://shop.example.com/own-login/account"));
        assertEquals(303, response.status());
        assertEquals("https://shop.example.com/own-login/account", response.header("Location"));
        assertEquals("cs_test_1", checkout.lastSession);
    }

    @Test
    void aReturnAddressOutsideTheListIs400AndConfirmsNothing() throws Exception {
        CheckoutServletTest.assertEachForeignReturnAddressIs400(
                foreign -> get(returning("cs_test_1").parameter("return_to", foreign)));
        assertNull(checkout.lastSession, "nothing confirmed");
    }

    @Test
    void noSignedInUserIs401() throws Exception {
        FakeHttp.Response response = get(FakeHttp.Request.get("/billing/return").parameter("session_id", "cs_test_1"));
        assertEquals(401, response.status());
        assertNull(checkout.lastSession);
    }

    @Test
    void aMissingOrMalformedSessionIdIs400AndStripeIsNotAsked() throws Exception {
        for (String sessionId : new String[] {null, "", "pi_123", "cs_" + "x".repeat(251), "cs_a\nb", "cs_a/../b"}) {
            FakeHttp.Response response = get(returning(sessionId));
            assertEquals(400, response.status(), String.valueOf(sessionId));
            assertEquals("Missing or malformed session_id.", response.body().strip());
        }
        assertNull(checkout.lastSession);
    }

    @Test
    void anotherUsersCheckoutIs403AndAnUnpaidOne409() throws Exception {
        FakeHttp.Response notYours = refusedWith(new PaymentsException(PaymentsException.Reason.NOT_YOUR_CHECKOUT,
                "This checkout belongs to another user."));
        assertEquals(403, notYours.status());
        assertEquals("This checkout belongs to another user.", notYours.body().strip());
        FakeHttp.Response unpaid = refusedWith(new PaymentsException(PaymentsException.Reason.CHECKOUT_NOT_PAID,
                "The checkout is not paid."));
        assertEquals(409, unpaid.status());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void aDebitStillProcessingIs202AndOneTheBankRefusedIs402WithTheReason() throws Exception {
        FakeHttp.Response processing = refusedWith(new PaymentsException(
                PaymentsException.Reason.PAYMENT_PROCESSING, "Your payment is processing."));
        assertEquals(202, processing.status());
        assertEquals("Your payment is processing.", processing.body().strip());
        FakeHttp.Response failed = refusedWith(new PaymentsException(PaymentsException.Reason.PAYMENT_FAILED,
                "Your payment failed: insufficient funds."));
        assertEquals(402, failed.status());
        assertEquals("Your payment failed: insufficient funds.", failed.body().strip());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void aSessionStripeDoesNotKnowIs404() throws Exception {
        FakeHttp.Response response = refusedWith(new StripeObjectMissingException("No such checkout.session", null));
        assertEquals(404, response.status());
        assertEquals("Not found: the payment provider knows no such checkout.", response.body().strip());
    }
}
