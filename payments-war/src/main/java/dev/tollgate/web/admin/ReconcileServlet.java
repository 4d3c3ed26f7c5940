package dev.tollgate.web.admin;

import dev.tollgate.payments.application.ReconcileReports;
import dev.tollgate.payments.application.Reconciler;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET /admin/reconcile}: past runs and the open differences; {@code POST /admin/reconcile/run}
 * ({@code job=catch-up|drift-scan}, {@code dryRun=true} for a drift scan that only reports) runs a job now through
 * the {@link Reconciler}, as {@code POST /admin/api/reconcile/…} does. A drift scan that is not a dry run heals
 * every difference it finds; one user's difference is healed by resyncing that user (the customer page). Its
 * JSON is {@code GET /admin/api/reconcile}.
 */
@WebServlet(urlPatterns = {"/admin/reconcile", "/admin/reconcile/run"})
public class ReconcileServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReconcileServlet.class.getName());
    private static final int LISTED = 50;

    @Inject
    Reconciler reconciler;

    @Inject
    ReconcileReports reports;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    PaymentsRuntime runtime;

    record RunRow(long id, String job, String status, boolean dryRun, String startedText, String finishedText,
                  String node, long stripeCalls, long seen, long applied, long healed, String lastError) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"/admin/reconcile".equals(request.getServletPath())) {
            Responses.refuse(LOG, request, response, 405, "Not allowed here", "Run a job with the page's buttons.",
                    "a GET of " + request.getServletPath());
            return;
        }
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        request.setAttribute("runs", reports.recentRuns(LISTED).stream().map(run -> row(run, format)).toList());
        request.setAttribute("openDriftCount", reports.countOpenDrift());
        request.setAttribute("openDrift", reports.openDrift(LISTED).stream().map(drift -> new DriftRow(
                drift.userId(), drift.customerId().orElse(""), drift.ours(), drift.stripe(), drift.reason(),
                format.time(drift.foundAt()), drift.runId())).toList());
        request.setAttribute("node", reconciler.node());
        ConsolePage.show(request, response, "reconcile", "Reconcile", "reconcile", format);
    }

    record DriftRow(String userId, String customerId, String ours, String stripe, String reason, String foundText,
                    long runId) {
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String job = request.getParameter("job");
        ReconcileJob chosen;
        if ("catch-up".equals(job)) {
            chosen = ReconcileJob.CATCH_UP;
        } else if ("drift-scan".equals(job)) {
            chosen = ReconcileJob.DRIFT_SCAN;
        } else {
            Responses.refuse(LOG, request, response, 400, "No such job", "Run catch-up or drift-scan.",
                    "a reconcile job " + Responses.oneLine(job));
            return;
        }
        boolean dryRun = "true".equals(request.getParameter("dryRun"));
        LOG.info(() -> "Reconcile " + chosen.dbValue() + (dryRun ? " (dry run)" : "") + " asked for in the console by "
                + Responses.oneLine(request.getRemoteUser()));
        Optional<ReconcileRun> run = reconciler.runNow(chosen, dryRun,
                change -> publisher.publishCommitted(List.of(change)));
        String message = run.map(done -> "Run " + done.id() + " (" + done.job().dbValue() + (done.dryRun() ? ", dry run"
                        : "") + ") " + done.status().dbValue() + ": " + done.seen() + " seen, " + done.applied()
                        + " applied, " + done.healed() + " healed" + done.lastError().map(error -> "; " + error).orElse("")
                        + ".")
                .orElse("A " + chosen.dbValue() + " is running now (on this or another node); try again when it ends.");
        ConsolePage.redirectWith(request, response, "reconcile", message);
    }

    private static RunRow row(ReconcileRun run, ConsoleFormat format) {
        return new RunRow(run.id(), run.job().dbValue(), run.status().dbValue(), run.dryRun(),
                format.time(run.startedAt()), format.time(run.finishedAt().orElse(null)), run.node(),
                run.stripeCalls(), run.seen(), run.applied(), run.healed(), run.lastError().orElse(""));
    }
}
