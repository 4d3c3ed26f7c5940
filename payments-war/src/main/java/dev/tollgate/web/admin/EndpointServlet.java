package dev.tollgate.web.admin;

import dev.tollgate.payments.application.EndpointSetup;
import dev.tollgate.payments.application.EndpointWatch;
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
 * The console's "Connect to Stripe" page, {@code /admin/endpoint}, and its data as JSON, {@code /admin/api/endpoint}:
 * GET shows what Stripe's webhook endpoint for this deployment lacks (one Stripe call, nothing changed); POST, with
 * the session's CSRF token, creates or fixes it, and its answer shows a new endpoint's signing secret, the one time
 * Stripe reveals it. Nothing here is cached.
 */
@WebServlet({EndpointServlet.PAGE, EndpointServlet.API})
public class EndpointServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(EndpointServlet.class.getName());
    static final String PAGE = "/admin/endpoint";
    static final String API = "/admin/api/endpoint";

    @Inject
    EndpointSetup setup;

    @Inject
    EndpointWatch endpointWatch;

    @Inject
    PaymentsRuntime runtime;

    @Inject
    ServiceFailures failures;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        EndpointViews.CheckView check;
        try {
            check = EndpointViews.of(setup.check(webhookUrl()), CsrfTokens.tokenFor(request));
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "webhook endpoint check");
            return;
        }
        if (isApi(request)) {
            Responses.json(response, 200, check);
            return;
        }
        request.setAttribute("check", check);
        show(request, response, runtime);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String admin = Responses.oneLine(request.getRemoteUser());
        LOG.info(() -> "Webhook endpoint set-up asked for by " + admin + (isApi(request) ? " through the API" : ""));
        EndpointViews.SetUpView done;
        try {
            done = EndpointViews.of(setup.setUp(webhookUrl(), admin), CsrfTokens.tokenFor(request));
            endpointWatch.forget();
        } catch (RuntimeException failure) {
            failures.answer(failure, request, response, "webhook endpoint set-up by " + admin);
            return;
        }
        if (isApi(request)) {
            Responses.json(response, 200, done);
            return;
        }
        request.setAttribute("check", done.after());
        request.setAttribute("setUp", done);
        show(request, response, runtime);
    }

    private String webhookUrl() {
        return EndpointSetup.webhookUrlOf(runtime.config().appUrl());
    }

    private static boolean isApi(HttpServletRequest request) {
        return API.equals(request.getServletPath());
    }

    /** The page in the console's layout (which sets {@code Cache-Control: no-store}). */
    private static void show(HttpServletRequest request, HttpServletResponse response, PaymentsRuntime runtime)
            throws ServletException, IOException {
        ConsolePage.show(request, response, "endpoint", "Connect to Stripe", "endpoint",
                new ConsoleFormat(runtime.config().adminTimeZone()));
    }
}
