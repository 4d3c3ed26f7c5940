package dev.tollgate.web.admin;

import dev.tollgate.payments.application.EndpointSetup;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.web.Responses;
import dev.tollgate.web.ServiceFailures;
import dev.tollgate.web.pages.CsrfTokens;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The data of {@code /admin/endpoint} as JSON: {@code GET /admin/api/endpoint} the check and the session's CSRF token;
 * {@code POST /admin/api/endpoint} with that token in {@code X-CSRF-Token} the set-up, whose answer carries a new
 * endpoint's signing secret once.
 */
@WebServlet("/admin/api/endpoint")
public class EndpointApiServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(EndpointApiServlet.class.getName());

    @Inject
    EndpointSetup setup;

    @Inject
    PaymentsRuntime runtime;

    @Inject
    ServiceFailures failures;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            Responses.json(response, 200, EndpointViews.of(setup.check(webhookUrl()), CsrfTokens.tokenFor(request)));
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "webhook endpoint check");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String admin = Responses.oneLine(request.getRemoteUser());
        LOG.info(() -> "Webhook endpoint set-up asked for by " + admin + " through the API");
        try {
            Responses.json(response, 200, EndpointViews.of(setup.setUp(webhookUrl(), admin),
                    CsrfTokens.tokenFor(request)));
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "webhook endpoint set-up by " + admin);
        }
    }

    private String webhookUrl() {
        return EndpointSetup.webhookUrlOf(runtime.config().appUrl());
    }
}
