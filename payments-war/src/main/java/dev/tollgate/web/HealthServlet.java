package dev.tollgate.web;

import dev.tollgate.payments.application.HealthCheck;
import dev.tollgate.payments.application.HealthCheck.HealthReport;
import dev.tollgate.payments.application.PaymentsRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: JSON for load balancers and people. The database is checked through the same transactional
 * path the webhooks use; problems list refused, unmatched and failing events. Never a key, never a stack trace.
 */
@WebServlet(urlPatterns = "/health")
public class HealthServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    @Inject
    HealthCheck healthCheck;

    @Inject
    PaymentsRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = Responses.quote(runtime.config().mode().label());
        String api = Responses.quote(runtime.config().apiBase().isPresent() ? "custom" : "stripe");
        HealthReport report;
        try {
            report = healthCheck.check();
        } catch (RuntimeException databaseDown) {
            LOG.warning(() -> "Health check: database does not answer: " + databaseDown);
            Responses.json(response, 503, "{\"status\":\"DOWN\",\"database\":\"DOWN\",\"stripeMode\":" + mode
                    + ",\"stripeApi\":" + api + ",\"problems\":[\"database does not answer\"]}");
            return;
        }
        Responses.json(response, 200, "{\"status\":\"UP\",\"database\":\"UP\",\"stripeMode\":" + mode
                + ",\"stripeApi\":" + api + ",\"schemaVersion\":" + Responses.quote(runtime.schemaVersion())
                + ",\"events\":{\"refused\":" + report.refusedEvents() + ",\"unmatched\":" + report.unmatchedEvents()
                + ",\"failing\":" + report.failingEvents() + "}"
                + ",\"problems\":[" + report.problems().stream().map(Responses::quote).collect(Collectors.joining(","))
                + "]}");
    }
}
