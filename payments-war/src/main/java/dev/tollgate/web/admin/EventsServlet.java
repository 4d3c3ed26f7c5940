package dev.tollgate.web.admin;

import dev.tollgate.payments.application.EventLogReports;
import dev.tollgate.payments.application.Replay;
import dev.tollgate.payments.config.PaymentsRuntime;
import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The event log: {@code GET /admin/events} lists events filtered by status, type, customer and time, a page at a
 * time; {@code GET /admin/event?id=evt_…} shows one with its payload and attempts; {@code POST /admin/events/replay}
 * replays one event ({@code event=evt_…}) or every failed or unmatched one ({@code status=…}) through
 * {@link Replay}. The same data as JSON at {@code GET /admin/api/events} and {@code GET /admin/api/event?id=…}.
 */
@WebServlet(urlPatterns = {"/admin/events", "/admin/event", "/admin/events/replay", "/admin/api/events",
        "/admin/api/event"})
public class EventsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(EventsServlet.class.getName());
    static final int PAGE = 50;

    @Inject
    EventLogReports eventLog;

    @Inject
    Replay replay;

    @Inject
    EntitlementPublisher publisher;

    @Inject
    PaymentsRuntime runtime;

    record EventList(List<EventViews.EventRow> events, long total, int offset, int limit, String nextPage,
                     String previousPage) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ConsoleFormat format = new ConsoleFormat(runtime.config().adminTimeZone());
        if (request.getServletPath().endsWith("/replay")) {
            Responses.refuse(LOG, request, response, 405, "Not allowed here", "Replay with the page's buttons.",
                    "a GET of " + request.getServletPath());
            return;
        }
        if (request.getServletPath().endsWith("/event")) {
            showOne(request, response, format);
            return;
        }
        Optional<EventFilter> filter = EventFilter.from(request, format.zone(), PAGE);
        if (filter.isEmpty()) {
            Responses.refuse(LOG, request, response, 400, "Bad filter", EventFilter.HELP, "an event filter");
            return;
        }
        EventLogReports.EventPage page = eventLog.search(filter.get().query());
        EventList list = new EventList(page.events().stream().map(event -> EventViews.row(event, format)).toList(),
                page.total(), filter.get().query().offset(), filter.get().query().limit(),
                page.hasNext() ? filter.get().pageLink(filter.get().query().offset() + PAGE) : null,
                filter.get().query().offset() > 0
                        ? filter.get().pageLink(Math.max(0, filter.get().query().offset() - PAGE)) : null);
        request.setAttribute("filter", filter.get());
        request.setAttribute("statuses", Arrays.stream(EventStatus.values()).map(EventStatus::dbValue).toList());
        ConsolePage.answer(request, response, list, "list", "events", "Events", "events", format);
    }

    private void showOne(HttpServletRequest request, HttpServletResponse response, ConsoleFormat format)
            throws ServletException, IOException {
        String id = request.getParameter("id");
        Optional<LoggedEvent> event = id == null || id.isBlank() ? Optional.empty() : eventLog.event(id.trim());
        if (event.isEmpty()) {
            Responses.refuse(LOG, request, response, 404, "No such event", "The event log has no event with this id.",
                    "event " + Responses.oneLine(id));
            return;
        }
        EventViews.EventDetail detail = EventViews.detail(event.get(), eventLog.attempts(event.get().eventId()), format);
        ConsolePage.answer(request, response, detail, "detail", "event", "Event " + event.get().eventId(), "events",
                format);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!ConsolePage.isPostTo("/admin/events/replay", request, response)) {
            return;
        }
        String eventId = request.getParameter("event");
        String status = request.getParameter("status");
        List<Replay.Replayed> replayed;
        String back;
        if (eventId != null && !eventId.isBlank() && status == null) {
            replayed = List.of(replay.one(eventId.trim(), change -> publisher.publishCommitted(List.of(change))));
            back = "event?id=" + java.net.URLEncoder.encode(eventId.trim(), java.nio.charset.StandardCharsets.UTF_8);
        } else if (eventId == null && ("failed".equals(status) || "unmatched".equals(status))) {
            replayed = replay.withStatus(EventStatus.fromDb(status),
                    change -> publisher.publishCommitted(List.of(change)));
            back = "events?status=" + status;
        } else {
            Responses.refuse(LOG, request, response, 400, "Nothing to replay",
                    "Replay one event (event=evt_…) or every failed or unmatched one (status=failed|unmatched).",
                    "a replay without a selection");
            return;
        }
        LOG.info(() -> "Replay from the console by " + Responses.oneLine(request.getRemoteUser()) + ": "
                + replayed.size() + " event(s)");
        ConsolePage.redirectWith(request, response, back, summary(replayed));
    }

    private static String summary(List<Replay.Replayed> replayed) {
        if (replayed.isEmpty()) {
            return "Nothing to replay.";
        }
        if (replayed.size() == 1) {
            Replay.Replayed one = replayed.get(0);
            return "Replayed " + one.eventId() + ": " + one.status() + (one.note().isBlank() ? "" : " (" + one.note() + ")")
                    + ".";
        }
        return "Replayed " + replayed.size() + " event(s): " + replayed.stream()
                .collect(java.util.stream.Collectors.groupingBy(Replay.Replayed::status,
                        java.util.TreeMap::new, java.util.stream.Collectors.counting())) + ".";
    }
}
