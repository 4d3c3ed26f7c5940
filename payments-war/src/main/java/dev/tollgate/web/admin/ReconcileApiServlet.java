package dev.tollgate.web.admin;

import dev.tollgate.payments.application.ReconcileReports;
import dev.tollgate.payments.domain.model.ReconcileJob;
import dev.tollgate.payments.domain.model.ReconcileRun;
import dev.tollgate.web.Responses;
import dev.tollgate.web.pages.CsrfTokens;
import dev.tollgate.web.startup.ReconcileOnDemand;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The reconcile jobs for admins and scripts (role {@code payments-admin}; every POST carries the session's CSRF
 * token, as the console's forms do):
 * <ul>
 *     <li>{@code GET /admin/api/reconcile}: recent runs, open differences, and the CSRF token for the POSTs;</li>
 *     <li>{@code POST /admin/api/reconcile/catch-up}: run a catch-up now (or resume an interrupted one);</li>
 *     <li>{@code POST /admin/api/reconcile/drift-scan[?dryRun=true]}: run a drift scan now, healing unless a dry
 *     run; answers the run and the differences it found;</li>
 *     <li>{@code GET /admin/api/reconcile/runs/{id}}: one run, with its progress while it runs (figures saved after
 *     every page), and what it found.</li>
 * </ul>
 * A run goes on a background thread ({@link ReconcileOnDemand}) under the job's database lease. A POST answers when
 * the run ends (200, or 502 when it failed), as scripts expect; with {@code wait=false} it answers 202 at once, the
 * run's address in {@code Location}, to be polled. A job that is running already (on any node) answers 409.
 */
@WebServlet("/admin/api/reconcile/*")
public class ReconcileApiServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReconcileApiServlet.class.getName());
    private static final int LISTED = 50;

    @Inject
    ReconcileOnDemand onDemand;

    @Inject
    ReconcileReports reports;

    record Overview(String node, List<ReconcileViews.RunView> runs, long openDriftCount,
                    List<ReconcileViews.DriftView> openDrift, String csrfToken) {
    }

    record RunReport(ReconcileViews.RunView run, List<ReconcileViews.DriftView> drift) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        if ("/".equals(path)) {
            Responses.json(response, 200, new Overview(onDemand.node(),
                    reports.recentRuns(LISTED).stream().map(ReconcileViews::of).toList(), reports.countOpenDrift(),
                    reports.openDrift(LISTED).stream().map(ReconcileViews::of).toList(),
                    CsrfTokens.tokenFor(request)));
            return;
        }
        if (path.matches("/runs/\\d{1,18}")) {
            long id = Long.parseLong(path.substring("/runs/".length()));
            Optional<ReconcileRun> run = reports.run(id);
            if (run.isEmpty()) {
                Responses.refuse(LOG, response, 404, "No such reconcile run.", "reconcile run " + id);
                return;
            }
            Responses.json(response, 200, report(run.get()));
            return;
        }
        Responses.refuse(LOG, response, 404, "No such reconcile resource.", "GET " + Responses.oneLine(path));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        ReconcileJob job;
        switch (path) {
            case "/catch-up" -> job = ReconcileJob.CATCH_UP;
            case "/drift-scan" -> job = ReconcileJob.DRIFT_SCAN;
            default -> {
                Responses.refuse(LOG, response, 404, "No such reconcile job; use catch-up or drift-scan.",
                        "POST " + Responses.oneLine(path));
                return;
            }
        }
        boolean dryRun = "true".equalsIgnoreCase(request.getParameter("dryRun"));
        boolean waitForEnd = !"false".equalsIgnoreCase(request.getParameter("wait"));
        Optional<ReconcileOnDemand.Launched> launched = onDemand.start(job, dryRun);
        if (launched.isEmpty()) {
            Responses.refuse(LOG, response, 409, job.dbValue() + " is running now; try later.",
                    job.dbValue() + " while it runs");
            return;
        }
        ReconcileRun started = launched.get().run();
        LOG.info(() -> "Reconcile " + job.dbValue() + (dryRun ? " (dry run)" : "") + " run " + started.id()
                + " started by " + Responses.oneLine(request.getRemoteUser()));
        if (!waitForEnd) {
            response.setHeader("Location", request.getContextPath() + "/admin/api/reconcile/runs/" + started.id());
            Responses.json(response, 202, report(reports.run(started.id()).orElse(started)));
            return;
        }
        ReconcileRun run = ended(launched.get());
        Responses.json(response, run.status() == ReconcileRun.Status.FAILED ? 502 : 200, report(run));
    }

    /** The run once it ended; as stored so far when this request's thread is interrupted first. */
    private ReconcileRun ended(ReconcileOnDemand.Launched launched) {
        try {
            return launched.finished().get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException unexpected) {
            LOG.warning(() -> "Reconcile run " + launched.run().id() + " ended abruptly: " + unexpected.getCause());
        }
        return reports.run(launched.run().id()).orElse(launched.run());
    }

    private RunReport report(ReconcileRun run) {
        return new RunReport(ReconcileViews.of(run), run.job() == ReconcileJob.DRIFT_SCAN
                ? reports.driftOfRun(run.id()).stream().map(ReconcileViews::of).toList() : List.of());
    }
}
