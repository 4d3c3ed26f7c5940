package dev.tollgate.web.billing;

import dev.tollgate.payments.application.CheckoutService;
import dev.tollgate.web.EntitlementPublisher;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * {@code POST /billing/checkout} with form field {@code price}: sends the signed-in user to Stripe Checkout, or a
 * subscriber who asks for a plan to the customer portal, where plans are switched. Accepted only from the app's own
 * pages (same origin), so another site cannot start checkouts for a user. A refusal is one sentence, as a styled
 * page for a browser.
 */
@WebServlet(urlPatterns = "/billing/checkout")
public class CheckoutServlet extends BillingFormServlet {

    @Inject
    CheckoutService checkout;

    @Inject
    EntitlementPublisher publisher;

    public CheckoutServlet() {
        super("a checkout", "Checkout must be started from this site's own pages.");
    }

    @Override
    String destinationFor(String user, HttpServletRequest request) {
        return checkout.startCheckout(user, request.getParameter("price"),
                change -> publisher.publishCommitted(List.of(change)));
    }
}
