package dev.tollgate.web.billing;

import dev.tollgate.gate.HandOff.Purpose;
import dev.tollgate.payments.application.CheckoutService;
import dev.tollgate.payments.application.ConfirmedReturn;
import dev.tollgate.payments.config.PaymentsConfig;
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
import java.net.URI;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code GET /billing/return?session_id=…}: Checkout sends the user here after paying. Grants access now, without
 * waiting for the webhook, then redirects to the configured landing page. The user is the container's signed-in user,
 * or the one a {@code payments_handoff} return token names (put into the return address by {@link CheckoutServlet});
 * either way the Checkout must be that user's own, else 403. A checkout whose form named an app page to come back to
 * ({@link AppReturnPages}) lands there instead; a page outside {@code PAYMENTS_RETURN_URLS} is a 400, before anything
 * is confirmed.
 */
@WebServlet(urlPatterns = "/billing/return")
public class ReturnServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReturnServlet.class.getName());

    @Inject
    CheckoutService checkout;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    PaymentsConfig config;

    @Inject
    ServiceFailures failures;

    @Inject
    HandOffUsers users;

    @Inject
    AppReturnPages returnPages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        HandOffUsers.BillingUser billingUser = users.userOf(request, response, Purpose.RETURN);
        if (billingUser.refused()) {
            Responses.refuse(LOG, request, response, 403, "Not allowed",
                    "This return link has expired or is not valid here: sign in to the app again.",
                    "a return from checkout with a hand-off token that is not valid");
            return;
        }
        String user = billingUser.id();
        String sessionId = request.getParameter("session_id");
        if (user == null) {
            return; // the container has asked for credentials (401)
        }
        if (sessionId == null || !sessionId.matches("cs_[A-Za-z0-9_]{1,250}")) {
            Responses.refuse(LOG, request, response, 400, "Bad request", "Missing or malformed session_id.",
                    "the return of " + user);
            return;
        }
        AppReturnPages.Asked back = returnPages.askedBy(request);
        if (back.refused()) {
            AppReturnPages.refuse(LOG, request, response, "the return of " + user);
            return;
        }
        try {
            ConfirmedReturn confirmed = checkout.confirmReturn(user, sessionId);
            // When the webhook made the change, it may not have told the gate yet: the landing page must not wait
            confirmed.change().ifPresentOrElse(change -> publisher.publishCommitted(List.of(change)),
                    () -> publisher.publishVersion(user, confirmed.versionNow()));
            response.setStatus(303);
            response.setHeader("Location", back.page().map(URI::toString).orElse(config.successUrl()));
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "the return of " + user + " from " + sessionId);
        }
    }
}
