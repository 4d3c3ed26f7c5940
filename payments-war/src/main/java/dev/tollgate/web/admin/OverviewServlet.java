package dev.tollgate.web.admin;

import dev.tollgate.payments.application.ConsoleOverview;
import dev.tollgate.payments.application.EndpointSetup;
import dev.tollgate.payments.application.EventLogReports;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.web.stripe.RefusedDeliveries;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The console's first page, {@code /admin/} (and its data at {@code GET /admin/api/overview}): the deployment's
 * diagnosis as red, amber and green banners, and the events of the last 48 hours per hour as an SVG chart.
 */
@WebServlet(urlPatterns = {"/admin", "/admin/", "/admin/api/overview"})
public class OverviewServlet extends HttpServlet {

    @Inject
    ConsoleOverview overview;

    @Inject
    EventLogReports eventLog;

    @Inject
    PaymentsRuntime runtime;

    @Inject
    RefusedDeliveries refusedDeliveries;

    record BannerView(String level, String text, String link) {
    }

    record Overview(String stripeMode, String stripeApi, String schemaVersion, String timeZone,
                    List<BannerView> banners, long eventsLast48Hours, List<HourView> perHour) {
    }

    record HourView(String hour, long events) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("/admin".equals(request.getServletPath())) {
            response.sendRedirect(request.getContextPath() + "/admin/");
            return;
        }
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        Instant now = Instant.now();
        List<BannerView> banners = overview.diagnose(refusedDeliveries.snapshot().count(),
                        EndpointSetup.webhookUrlOf(runtime.config().appUrl())).stream()
                .map(banner -> new BannerView(banner.level().name().toLowerCase(Locale.ROOT), banner.text(),
                        banner.link()))
                .toList();
        HourlyChart.Chart chart = HourlyChart.of(eventLog.perHour(HourlyChart.since(now)), now, format);
        Overview data = new Overview(runtime.config().mode().label(),
                runtime.config().apiBase().isPresent() ? "custom (" + runtime.config().apiBase().get().getHost() + ")"
                        : "stripe", runtime.schemaVersion(), format.zone().getId(), banners, chart.total(),
                chart.bars().stream().map(bar -> new HourView(bar.hour(), bar.count())).toList());
        request.setAttribute("chart", chart);
        ConsolePage.answer(request, response, data, "overview", "overview", "Overview", "overview", format);
    }
}
