package dev.tollgate.web;

import dev.tollgate.payments.application.CheckoutService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /billing/checkout} with form field {@code price}: sends the signed-in user to Stripe Checkout.
 * Accepted only from the app's own pages (same origin), so another site cannot start checkouts for a user.
 */
@WebServlet(urlPatterns = "/billing/checkout")
public class CheckoutServlet extends HttpServlet {

    @Inject
    CheckoutService checkout;

    @Inject
    SameOrigin sameOrigin;

    @Inject
    ServiceFailures failures;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getRemoteUser();
        if (user == null) {
            Responses.plain(response, 401, "Sign in first.");
            return;
        }
        if (!sameOrigin.isSatisfiedBy(request)) {
            Responses.plain(response, 403, "Checkout must be started from this site's own pages.");
            return;
        }
        try {
            response.setStatus(303);
            response.setHeader("Location", checkout.startCheckout(user, null, request.getParameter("price")));
        } catch (RuntimeException failure) {
            failures.answer(failure, response);
        }
    }
}
