package dev.tollgate.web.billing;

import dev.tollgate.payments.application.CheckoutService;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import dev.tollgate.web.ServiceFailures;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code POST /billing/checkout} with form field {@code price}: sends the signed-in user to Stripe Checkout, or a
 * subscriber who asks for a plan to the customer portal, where plans are switched. Accepted only from the app's own
 * pages (same origin), so another site cannot start checkouts for a user. A refusal is one sentence, as a styled
 * page for a browser.
 */
@WebServlet(urlPatterns = "/billing/checkout")
public class CheckoutServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(CheckoutServlet.class.getName());

    @Inject
    CheckoutService checkout;

    @Inject
    SameOrigin sameOrigin;

    @Inject
    ServiceFailures failures;

    @Inject
    EntitlementPublisher publisher;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String user = request.getRemoteUser();
        if (user == null) {
            Responses.refuse(LOG, request, response, 401, "Sign-in needed", "Sign in first.", "a checkout");
            return;
        }
        if (!sameOrigin.isSatisfiedBy(request)) {
            Responses.refuse(LOG, request, response, 403, "Not allowed",
                    "Checkout must be started from this site's own pages.", "a checkout of " + user);
            return;
        }
        try {
            String next = checkout.startCheckout(user, request.getParameter("price"),
                    change -> publisher.publishCommitted(List.of(change)));
            response.setStatus(303);
            response.setHeader("Location", next);
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "a checkout of " + user);
        }
    }
}
