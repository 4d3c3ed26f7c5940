package dev.tollgate.web.health;

import dev.tollgate.payments.application.HealthCheck.HealthReport;
import dev.tollgate.payments.application.HealthCheck;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code GET /health}: UP (200) or DOWN (503) for anyone, e.g. a load balancer. The details — Stripe mode, schema
 * version, refused, unmatched and failing events — only for the {@code payments-admin} role (also at
 * {@code /admin/health}, where the container asks for the credentials) or the configured monitoring token. The
 * database is checked through the same transactional path the webhooks use. Never a key, never a stack trace.
 */
@WebServlet(urlPatterns = {"/health", "/admin/health"})
public class HealthServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    @Inject
    HealthCheck healthCheck;

    @Inject
    PaymentsRuntime runtime;

    @Inject
    MonitoringReaders readers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean details = readers.admits(request);
        HealthReport report;
        try {
            report = healthCheck.check();
        } catch (RuntimeException databaseDown) {
            LOG.warning(() -> "Health check: database does not answer: " + databaseDown);
            Responses.json(response, 503, details ? new Details("DOWN", "DOWN", mode(), api(), null, null, null,
                    List.of("database does not answer")) : new Status("DOWN"));
            return;
        }
        if (!details) {
            Responses.json(response, 200, new Status("UP"));
            return;
        }
        Responses.json(response, 200, new Details("UP", "UP", mode(), api(), runtime.schemaVersion(),
                new Events(report.refusedEvents(), report.unmatchedEvents(), report.failingEvents()),
                new Reconcile(report.openDrift(), report.lastCatchUp().map(HealthServlet::summary).orElse(null),
                        report.lastDriftScan().map(HealthServlet::summary).orElse(null)),
                report.problems()));
    }

    private String mode() {
        return runtime.config().mode().label();
    }

    private String api() {
        return runtime.config().apiBase().isPresent() ? "custom" : "stripe";
    }

    /** What anyone may read. */
    record Status(String status) {
    }

    /** What admins and the monitoring token read; Gson leaves out what is null (unknown while the database is down). */
    record Details(String status, String database, String stripeMode, String stripeApi, String schemaVersion,
                   Events events, Reconcile reconcile, List<String> problems) {
    }

    /** The last run of each reconcile job, in one line each, and the differences not healed. */
    record Reconcile(long openDrift, String lastCatchUp, String lastDriftScan) {
    }

    private static String summary(ReconcileRun run) {
        return run.status().dbValue() + " " + run.finishedAt().orElse(run.startedAt()) + ": " + run;
    }

    record Events(long refused, long unmatched, long failing) {
    }
}
