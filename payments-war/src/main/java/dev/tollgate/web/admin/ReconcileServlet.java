package dev.tollgate.web.admin;

import dev.tollgate.payments.application.ReconcileReports;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.Responses;
import dev.tollgate.web.startup.ReconcileOnDemand;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET /admin/reconcile}: past runs and the open differences; {@code POST /admin/reconcile/run}
 * ({@code job=catch-up|drift-scan}, {@code dryRun=true} for a drift scan that only reports) starts a job now on a
 * background thread ({@link ReconcileOnDemand}) and answers 303 to the run's page,
 * {@code GET /admin/reconcile/run?id=…}, which shows its progress, reloads itself every few seconds while it runs
 * (a {@code meta} refresh: no script), and its figures and differences when it ends. A job that runs already (on
 * any node) is not started twice: the admin is told so. A drift scan that is not a dry run heals every difference
 * it finds; one user's difference is healed by resyncing that user (the customer page). The JSON is
 * {@code GET /admin/api/reconcile} and {@code GET /admin/api/reconcile/runs/{id}}.
 */
@WebServlet(urlPatterns = {"/admin/reconcile", "/admin/reconcile/run"})
public class ReconcileServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReconcileServlet.class.getName());
    private static final int LISTED = 50;
    /** How often a running run's page reloads itself. */
    static final int REFRESH_SECONDS = 2;

    @Inject
    ReconcileOnDemand onDemand;

    @Inject
    ReconcileReports reports;

    @Inject
    PaymentsRuntime runtime;

    record RunRow(long id, String job, String status, boolean dryRun, String startedText, String finishedText,
                  String node, long stripeCalls, long seen, long applied, long healed, String lastError) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        if (!"/admin/reconcile".equals(request.getServletPath())) {
            showRun(request, response, format);
            return;
        }
        request.setAttribute("runs", reports.recentRuns(LISTED).stream().map(run -> row(run, format)).toList());
        request.setAttribute("openDriftCount", reports.countOpenDrift());
        request.setAttribute("openDrift", reports.openDrift(LISTED).stream().map(drift -> new DriftRow(
                drift.userId(), drift.customerId().orElse(""), drift.ours(), drift.stripe(), drift.reason(),
                format.time(drift.foundAt()), drift.runId())).toList());
        request.setAttribute("node", onDemand.node());
        ConsolePage.show(request, response, "reconcile", "Reconcile", "reconcile", format);
    }

    record DriftRow(String userId, String customerId, String ours, String stripe, String reason, String foundText,
                    long runId) {
    }

    /** {@code GET /admin/reconcile/run?id=…}: one run, as far as it got. */
    private void showRun(HttpServletRequest request, HttpServletResponse response, ConsoleFormat format)
            throws ServletException, IOException {
        String id = request.getParameter("id");
        Optional<ReconcileRun> run = id != null && id.matches("\\d{1,18}") ? reports.run(Long.parseLong(id))
                : Optional.empty();
        if (run.isEmpty()) {
            Responses.refuse(LOG, request, response, 404, "No such run", "The run list on the Reconcile page links"
                    + " every run.", "reconcile run " + Responses.oneLine(id));
            return;
        }
        boolean running = run.get().status() == ReconcileRun.Status.RUNNING;
        request.setAttribute("run", row(run.get(), format));
        request.setAttribute("progress", run.get().progress().orElse(""));
        request.setAttribute("running", running);
        if (running) {
            request.setAttribute("refreshSeconds", REFRESH_SECONDS);
        }
        request.setAttribute("found", run.get().job() == ReconcileJob.DRIFT_SCAN
                ? reports.driftOfRun(run.get().id()).stream().map(drift -> new DriftRow(drift.userId(),
                        drift.customerId().orElse(""), drift.ours(), drift.stripe(), drift.reason(),
                        format.time(drift.foundAt()), drift.runId())).toList() : java.util.List.of());
        ConsolePage.show(request, response, "reconcile-run", "Reconcile run " + run.get().id(), "reconcile", format);
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
        Optional<ReconcileOnDemand.Launched> launched = onDemand.start(chosen, dryRun);
        if (launched.isEmpty()) {
            LOG.info(() -> "Reconcile " + chosen.dbValue() + " asked for in the console by " + Responses.oneLine(
                    request.getRemoteUser()) + ": not started, it is running already");
            ConsolePage.redirectWith(request, response, "reconcile", "A " + chosen.dbValue() + " is running now (on"
                    + " this or another node): no second run was started. Its progress is in the list below.");
            return;
        }
        ReconcileRun run = launched.get().run();
        LOG.info(() -> "Reconcile " + chosen.dbValue() + (dryRun ? " (dry run)" : "") + " run " + run.id()
                + " started in the console by " + Responses.oneLine(request.getRemoteUser()));
        ConsolePage.redirectWith(request, response, "reconcile/run?id=" + run.id(), "Run " + run.id() + " ("
                + chosen.dbValue() + (dryRun ? ", dry run" : "") + ") started.");
    }

    private static RunRow row(ReconcileRun run, ConsoleFormat format) {
        return new RunRow(run.id(), run.job().dbValue(), run.status().dbValue(), run.dryRun(),
                format.time(run.startedAt()), format.time(run.finishedAt().orElse(null)), run.node(),
                run.stripeCalls(), run.seen(), run.applied(), run.healed(), run.lastError().orElse(""));
    }
}
