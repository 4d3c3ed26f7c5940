package dev.tollgate.web.admin;

import dev.tollgate.payments.application.Replay;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.web.EntitlementPublisher;
import dev.tollgate.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * {@code POST /admin/api/replay} (role {@code payments-admin}, with the CSRF token of
 * {@code GET /admin/api/reconcile}) applies logged events again: {@code event=evt_…} one event;
 * {@code status=failed} or {@code status=unmatched} every such event; {@code type=…&from=…&to=…} (ISO-8601
 * instants) the events of a type Stripe created in that range. An event that took effect already is left alone.
 * Answers what became of each.
 */
@WebServlet("/admin/api/replay")
public class ReplayApiServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ReplayApiServlet.class.getName());

    @Inject
    Replay replay;

    @Inject
    EntitlementPublisher publisher;

    record Replays(int count, List<Replay.Replayed> events) {
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Consumer<dev.tollgate.payments.domain.model.EntitlementChanged> publish =
                change -> publisher.publishCommitted(List.of(change));
        String eventId = request.getParameter("event");
        String status = request.getParameter("status");
        String type = request.getParameter("type");
        List<Replay.Replayed> replayed;
        if (eventId != null && status == null && type == null) {
            replayed = List.of(replay.one(eventId, publish));
        } else if (status != null && eventId == null && type == null
                && ("failed".equals(status) || "unmatched".equals(status))) {
            replayed = replay.withStatus(EventStatus.fromDb(status), publish);
        } else if (type != null && eventId == null && status == null) {
            try {
                replayed = replay.ofType(type, Instant.parse(request.getParameter("from")),
                        Instant.parse(request.getParameter("to")), publish);
            } catch (DateTimeParseException | NullPointerException malformed) {
                Responses.refuse(LOG, response, 400, "Give from and to as ISO-8601 instants, e.g."
                        + " 2026-12-01T00:00:00Z.", "replay of " + Responses.oneLine(type) + " without a range");
                return;
            }
        } else {
            Responses.refuse(LOG, response, 400, "Give one of: event=evt_…, status=failed|unmatched, or"
                    + " type=…&from=…&to=….", "replay without a selection");
            return;
        }
        LOG.info(() -> "Replay by " + Responses.oneLine(request.getRemoteUser()) + ": " + replayed.size()
                + " event(s)");
        Responses.json(response, 200, new Replays(replayed.size(), replayed));
    }
}
