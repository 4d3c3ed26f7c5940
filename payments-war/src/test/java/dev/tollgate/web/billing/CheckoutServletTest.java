package dev.tollgate.web.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.payments.domain.service.StripeObjectMissingException;
import dev.tollgate.payments.domain.service.StripeRejectedException;
import dev.tollgate.payments.domain.service.StripeUnavailableException;
import dev.tollgate.web.FakeHttp;
import dev.tollgate.web.RecordingPublisher;
import dev.tollgate.web.ServiceFailures;
import dev.tollgate.web.TestSettings;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each way a checkout can be refused or fail, mapped to its status and sentence. */
class CheckoutServletTest {

    private final ScriptedCheckout checkout = new ScriptedCheckout();

    private FakeHttp.Response post(FakeHttp.Request request) throws Exception {
        CheckoutServlet servlet = new CheckoutServlet();
        servlet.checkout = checkout;
        servlet.publisher = new RecordingPublisher();
        servlet.config = TestSettings.config();
        return post(servlet, request);
    }

    /** Runs a billing form's servlet, wired to the shop's settings ({@code https://shop.example.com}). */
    static FakeHttp.Response post(BillingFormServlet servlet, FakeHttp.Request request) throws Exception {
        servlet.sameOrigin = new SameOrigin();
        servlet.sameOrigin.config = TestSettings.config();
        servlet.failures = new ServiceFailures();
        servlet.users = noHandOffs();
        servlet.returnPages = ownLoginPages();
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    /** The users of billing forms, as a shop without own-login apps (no hand-off secret) has them. */
    static HandOffUsers noHandOffs() {
        HandOffUsers users = new HandOffUsers();
        users.config = TestSettings.config();
        users.clock = java.time.Clock.systemUTC();
        users.readSecret();
        return users;
    }

    /** The way back a form may name, as a shop with an own-login app at {@code /own-login/} lists it. */
    static AppReturnPages ownLoginPages() {
        AppReturnPages pages = new AppReturnPages();
        pages.config = TestSettings.config("PAYMENTS_RETURN_URLS", "/own-login/");
        return pages;
    }

    /** Return addresses a form might name that lead anywhere but the listed folder. */
    static final String[] FOREIGN_RETURN_ADDRESSES = {"https://evil.example/own-login/", "//evil.example/own-login/",
        "/own-login-evil/", "/own-login/../payments/admin/", "/own-login/%2e%2e/payments/", "javascript:alert(1)",
        "https://shop.example.com@evil.example/own-login/"};

    /** A request that names a return address, answered. */
    interface Naming {
        FakeHttp.Response answer(String returnAddress) throws Exception;
    }

    /** Each foreign return address is answered 400 with the one sentence that says why. */
    static void assertEachForeignReturnAddressIs400(Naming request) throws Exception {
        for (String foreign : FOREIGN_RETURN_ADDRESSES) {
            FakeHttp.Response response = request.answer(foreign);
            assertEquals(400, response.status(), foreign);
            assertEquals("This return address is not one of this site's pages.", response.body().strip(), foreign);
        }
    }

    private static FakeHttp.Request fromTheShop() {
        return FakeHttp.Request.post("/billing/checkout").user("alice").header("Origin", "https://shop.example.com")
                .parameter("price", "price_pro_monthly");
    }

    private FakeHttp.Response failingWith(RuntimeException failure) throws Exception {
        checkout.checkoutUrl = (Supplier<String>) () -> {
            throw failure;
        };
        return post(fromTheShop());
    }

    @Test
    void aSignedInUserFromTheShopsPagesIsSentToCheckout() throws Exception {
        FakeHttp.Response response = post(fromTheShop());
        assertEquals(303, response.status());
        assertEquals("https://checkout.stripe.test/c/pay/cs_test_1", response.header("Location"));
        assertEquals("alice", checkout.lastUser);
        assertEquals("price_pro_monthly", checkout.lastPrice);
    }

    @Test
    void aFormNamingAListedAppPageComesBackThereFromEachOfStripesPages() throws Exception {
        FakeHttp.Response response = post(fromTheShop().parameter("return_to", "/own-login/account"));
        assertEquals(303, response.status());
        String page = "https://shop.example.com/own-login/account";
        assertEquals("https://shop.example.com/payments/billing/return?session_id={CHECKOUT_SESSION_ID}"
                + "&return_to=https%3A%2F%2Fshop.example.com%2Fown-login%2Faccount", checkout.lastPages.successUrl());
        assertEquals(page, checkout.lastPages.cancelUrl(), "Checkout's back link");
        assertEquals(page, checkout.lastPages.portalReturnUrl(), "the portal a plan holder is sent to");
    }

    @Test
    void withoutAReturnAddressTheConfiguredPagesServe() throws Exception {
        post(fromTheShop());
        assertEquals(TestSettings.config().checkoutPages(), checkout.lastPages);
    }

    @Test
    void aReturnAddressOutsideTheListIs400AndStartsNothing() throws Exception {
        assertEachForeignReturnAddressIs400(foreign -> post(fromTheShop().parameter("return_to", foreign)));
        assertNull(checkout.lastUser, "no checkout was started");
    }

    @Test
    void theRefererServesWhenTheBrowserSendsNoOrigin() throws Exception {
        FakeHttp.Response response = post(FakeHttp.Request.post("/billing/checkout").user("alice")
                .header("Referer", "http://localhost:8080/shop/pricing").parameter("price", "price_pro_monthly"));
        assertEquals(303, response.status(), "this server's own origin");
    }

    @Test
    void noSignedInUserIs401() throws Exception {
        FakeHttp.Response response = post(FakeHttp.Request.post("/billing/checkout")
                .header("Origin", "https://shop.example.com"));
        assertEquals(401, response.status(), "the container's answer: sign in first");
        assertNull(checkout.lastUser);
    }

    @Test
    void aPostFromAnotherSiteOrFromNowhereIs403() throws Exception {
        for (FakeHttp.Request request : new FakeHttp.Request[] {
                FakeHttp.Request.post("/billing/checkout").user("alice").header("Origin", "https://evil.example"),
                FakeHttp.Request.post("/billing/checkout").user("alice").header("Origin", "null"),
                FakeHttp.Request.post("/billing/checkout").user("alice")}) {
            FakeHttp.Response response = post(request);
            assertEquals(403, response.status());
            assertEquals("Checkout must be started from this site's own pages.", response.body().strip());
        }
        assertNull(checkout.lastUser, "no checkout was started");
    }

    @Test
    void aPriceOutsideTheCatalogIs400WithTheServicesSentence() throws Exception {
        FakeHttp.Response response = failingWith(new PaymentsException(PaymentsException.Reason.UNKNOWN_PRICE,
                "Unknown price: price_x"));
        assertEquals(400, response.status());
        assertEquals("Unknown price: price_x", response.body().strip());
    }

    @Test
    void aBrowserIsShownTheStyledPageWithTheSameSentence() throws Exception {
        checkout.checkoutUrl = (Supplier<String>) () -> {
            throw new PaymentsException(PaymentsException.Reason.UNKNOWN_PRICE, "This price is not for sale here.");
        };
        FakeHttp.Request browser = fromTheShop().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        FakeHttp.Response response = post(browser);

        assertEquals(400, response.status());
        assertEquals("/WEB-INF/views/error.jsp", browser.forwardedTo, "the WAR's error page, by forward");
        assertEquals("Not for sale", browser.attribute("errorTitle"));
        assertEquals("This price is not for sale here.", browser.attribute("errorSentence"));
    }

    @Test
    void stripeFailuresMapToTheirOwnStatusesWithoutTheirDetails() throws Exception {
        FakeHttp.Response unavailable = failingWith(new StripeUnavailableException("read timed out sk_test_x", null));
        assertEquals(503, unavailable.status());
        assertEquals("Payments are temporarily unavailable; please try again in a moment.", unavailable.body().strip());
        FakeHttp.Response refused = failingWith(new StripeRejectedException("Invalid API key sk_test_x", null));
        assertEquals(502, refused.status());
        assertEquals("The payment provider refused the request.", refused.body().strip());
        FakeHttp.Response missing = failingWith(new StripeObjectMissingException("No such customer: cus_1", null));
        assertEquals(404, missing.status());
    }

    @Test
    void anUnexpectedFailureIs500WithAGenericSentence() throws Exception {
        FakeHttp.Response response = failingWith(new IllegalStateException("password=hunter2"));
        assertEquals(500, response.status());
        assertFalse(response.body().contains("hunter2"), response.body());
        assertEquals("Something went wrong; nothing was charged twice. Please try again.", response.body().strip());
    }
}
