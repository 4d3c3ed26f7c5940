package dev.tollgate.web.billing;

import dev.tollgate.gate.HandOff;
import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.payments.application.CheckoutService;
import dev.tollgate.payments.config.PaymentsConfig;
import dev.tollgate.payments.domain.model.CheckoutPages;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /billing/checkout} with form field {@code price}: sends the signed-in user to Stripe Checkout, or a
 * subscriber who asks for a plan to the customer portal, where plans are switched. Accepted only from the app's own
 * pages (same origin), so another site cannot start checkouts for a user. A user named by a hand-off token comes
 * back through a return address that carries a return token for the same user. A form that names an app page to come
 * back to ({@value AppReturnPages#FIELD}, allowed by {@code PAYMENTS_RETURN_URLS}) has the return page land there, and
 * Checkout's back link and the portal link back to it. A refusal is one sentence, as a styled
 * page for a browser.
 */
@WebServlet(urlPatterns = "/billing/checkout")
public class CheckoutServlet extends BillingFormServlet {

    @Inject
    CheckoutService checkout;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    PaymentsConfig config;

    public CheckoutServlet() {
        super("a checkout", "Checkout must be started from this site's own pages.", Purpose.CHECKOUT);
    }

    @Override
    String destinationFor(String user, boolean handedOff, Optional<URI> back, HttpServletRequest request) {
        CheckoutPages pages = config.checkoutPages();
        String returnPage = pages.successUrl();
        if (back.isPresent()) {
            returnPage += "&" + AppReturnPages.FIELD + "=" + URLEncoder.encode(back.get().toString(),
                    StandardCharsets.UTF_8);
        }
        if (handedOff) {
            // base64url and dots: nothing to escape in a query
            returnPage += "&" + HandOff.FIELD + "=" + users.returnToken(user);
        }
        Optional<String> appPage = back.map(URI::toString);
        CheckoutPages way = new CheckoutPages(returnPage, appPage.orElse(pages.cancelUrl()),
                appPage.orElse(pages.portalReturnUrl()));
        return checkout.startCheckout(user, request.getParameter("price"), way,
                change -> publisher.publishCommitted(List.of(change)));
    }
}
