package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/**
 * Single sign-on between the customer app and {@code /payments}, where the server is set up for it as README.md
 * says (Payara: {@code sso-enabled} on the virtual server; the suite runs it there): signing in to the app's FORM
 * login is enough to start a checkout, which otherwise asks for credentials.
 */
class SingleSignOnIT extends CustomerAppStage {

    @Test
    void oneSignInToTheAppIsEnoughToStartACheckout() throws Exception {
        int withoutSignIn = Shopper.notSignedIn(ServerUsers.ERIN).get(PAYMENTS.resolve("billing/return")).statusCode();
        assertEquals(401, withoutSignIn, "/payments asks for credentials when nobody signed in");

        Shopper erin = Shopper.signedIn(ServerUsers.ERIN, APP);
        URI checkoutPage = erin.startCheckoutSignedInOnce(PAYMENTS, PRO_PRICE);

        assertTrue(checkoutPage.toString().startsWith(stripe.baseUrl()), "sent to Stripe: " + checkoutPage);
    }
}
