package dev.tollgate.web.health;

import dev.tollgate.payments.application.PaymentsFigures;
import dev.tollgate.payments.application.PaymentsFigures.Figures;
import dev.tollgate.payments.domain.model.EventCount;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code GET /admin/metrics}: Prometheus text for the {@code payments-admin} role or
 * {@code Authorization: Bearer $PAYMENTS_MONITORING_TOKEN}. web.xml leaves this one path outside the {@code /admin/*}
 * constraint so that the token can pass; without it the servlet asks the container to authenticate (BASIC) and
 * answers 403 to a user without the role. From the database (the same on every node): events by type and status,
 * open drift, each reconcile job's last run. From this node's memory since its start: how long webhook deliveries
 * took and how they were answered.
 */
@WebServlet("/admin/metrics")
public class MetricsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());

    @Inject
    PaymentsFigures figures;

    @Inject
    WebhookTimings timings;

    @Inject
    MonitoringReaders readers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!readers.presentsToken(request)) {
            if (request.getUserPrincipal() == null && !request.authenticate(response)) {
                return; // the container has asked for credentials
            }
            if (!readers.admits(request)) {
                Responses.refuse(LOG, response, 403, "Metrics are for payments-admin or the monitoring token.",
                        "metrics for " + Responses.oneLine(request.getRemoteUser()));
                return;
            }
        }
        PrometheusText text = new PrometheusText();
        fromDatabase(text, figures.read());
        fromThisNode(text);
        response.setStatus(200);
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(text);
    }

    private static void fromDatabase(PrometheusText text, Figures figures) {
        text.family("tollgate_webhook_events", "gauge",
                "Stripe events in the log by type and status (processed, ignored, failed, refused, unmatched).");
        for (EventCount count : figures.events()) {
            text.sample("tollgate_webhook_events", count.count(), "type", count.type(), "status", count.status());
        }
        text.family("tollgate_drift_open", "gauge", "Differences from Stripe found by a drift scan and not healed.");
        text.sample("tollgate_drift_open", figures.openDrift());
        text.family("tollgate_reconcile_last_run_seconds", "gauge",
                "How long each reconcile job's last finished run took.");
        for (Map.Entry<?, ReconcileRun> last : figures.lastRuns().entrySet()) {
            ReconcileRun run = last.getValue();
            run.finishedAt().ifPresent(finished -> text.sample("tollgate_reconcile_last_run_seconds",
                    Duration.between(run.startedAt(), finished).toMillis() / 1000.0, "job", run.job().dbValue(),
                    "status", run.status().dbValue()));
        }
        text.family("tollgate_reconcile_last_run_finished_timestamp_seconds", "gauge",
                "When each reconcile job's last finished run ended (Unix time).");
        for (ReconcileRun run : figures.lastRuns().values()) {
            run.finishedAt().ifPresent(finished -> text.sample(
                    "tollgate_reconcile_last_run_finished_timestamp_seconds", finished.getEpochSecond(),
                    "job", run.job().dbValue(), "status", run.status().dbValue()));
        }
    }

    private void fromThisNode(PrometheusText text) {
        text.family("tollgate_webhook_request_duration_seconds", "histogram",
                "How long this node took to answer Stripe's webhook deliveries, since it started.");
        long[] counts = timings.cumulativeCounts();
        for (int i = 0; i < WebhookTimings.BOUNDS.length; i++) {
            text.sample("tollgate_webhook_request_duration_seconds_bucket", counts[i],
                    "le", Double.toString(WebhookTimings.BOUNDS[i]));
        }
        long all = counts[counts.length - 1];
        text.sample("tollgate_webhook_request_duration_seconds_bucket", all, "le", "+Inf");
        text.sample("tollgate_webhook_request_duration_seconds_sum", timings.totalSeconds());
        text.sample("tollgate_webhook_request_duration_seconds_count", all);
        text.family("tollgate_webhook_requests_total", "counter",
                "Webhook deliveries this node answered, by HTTP status: 5xx ones failed and Stripe retries them.");
        timings.countsByStatus().forEach((status, count) ->
                text.sample("tollgate_webhook_requests_total", count, "code", Integer.toString(status)));
    }
}
