package dev.tollgate.web.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.payments.application.BillingPortal;
import dev.tollgate.payments.application.PaymentsException;
import dev.tollgate.web.FakeHttp;
import org.junit.jupiter.api.Test;

/**
 * The way to Stripe's customer portal, under the checkout form's rules ({@link BillingFormServlet}, whose every
 * case {@code CheckoutServletTest} goes through).
 */
class PortalServletTest {

    /** A portal that answers a URL for users with a customer, and refuses the others as the service does. */
    private static final class ScriptedPortal extends BillingPortal {
        String lastUser;
        String lastReturnUrl;

        @Override
        public String open(String userId, String returnUrl) {
            lastReturnUrl = returnUrl;
            return open(userId);
        }

        @Override
        public String open(String userId) {
            lastUser = userId;
            if (userId.equals("newcomer")) {
                throw new PaymentsException(PaymentsException.Reason.NO_CUSTOMER,
                        "There is nothing to manage yet: you have not bought anything here.");
            }
            return "https://billing.stripe.test/p/session/" + userId;
        }
    }

    private final ScriptedPortal portal = new ScriptedPortal();

    private FakeHttp.Response post(FakeHttp.Request request) throws Exception {
        PortalServlet servlet = new PortalServlet();
        servlet.portal = portal;
        return CheckoutServletTest.post(servlet, request);
    }

    private static FakeHttp.Request fromTheShop(String user) {
        return FakeHttp.Request.post("/billing/portal").user(user).header("Origin", "https://shop.example.com");
    }

    @Test
    void aCustomerFromTheShopsPagesIsSentToThePortal() throws Exception {
        FakeHttp.Response response = post(fromTheShop("alice"));
        assertEquals(303, response.status());
        assertEquals("https://billing.stripe.test/p/session/alice", response.header("Location"));
    }

    /** A listed app page becomes the portal's return link; any other is 400 and no portal is opened. */
    @Test
    void onlyAListedAppPageBecomesThePortalsWayBack() throws Exception {
        CheckoutServletTest.assertEachForeignReturnAddressIs400(
                foreign -> post(fromTheShop("alice").parameter("return_to", foreign)));
        assertNull(portal.lastUser, "no portal was opened");

        assertEquals(303, post(fromTheShop("alice").parameter("return_to", "/own-login/account")).status());
        assertEquals("https://shop.example.com/own-login/account", portal.lastReturnUrl);
    }

    @Test
    void aUserWhoNeverBoughtAnythingIsToldSo() throws Exception {
        FakeHttp.Response response = post(fromTheShop("newcomer"));
        assertEquals(409, response.status());
        assertEquals("There is nothing to manage yet: you have not bought anything here.", response.body().strip());
    }

    @Test
    void aPostFromAnotherSiteIs403AndOpensNothing() throws Exception {
        FakeHttp.Response response = post(FakeHttp.Request.post("/billing/portal").user("alice")
                .header("Origin", "https://evil.example"));
        assertEquals(403, response.status());
        assertEquals("Billing must be opened from this site's own pages.", response.body().strip());
        assertNull(portal.lastUser, "no portal session was asked for");
    }
}
