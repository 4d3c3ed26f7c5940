package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventQuery;
import dev.tollgate.payments.domain.model.LoggedEvent;
import dev.tollgate.payments.domain.model.WebhookAttempt;
import dev.tollgate.payments.domain.service.WebhookAttemptRepository;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event log as the admin console browses it. Reads only. */
@Stateless
@Dependent
@Transactional
public class EventLogReports {

    /** More attempts than Stripe's three days of retries and a few replays ever make. */
    public static final int MAX_ATTEMPTS = 500;

    @Inject
    WebhookEventRepository events;

    @Inject
    WebhookAttemptRepository attempts;

    /** One page of the events the query selects, and how many it selects in all. */
    public EventPage search(EventQuery query) {
        return new EventPage(events.search(query), events.count(query), query);
    }

    /** One event with its payload. */
    public Optional<LoggedEvent> event(String eventId) {
        return events.find(eventId);
    }

    /** The event's attempts, oldest first (at most {@link #MAX_ATTEMPTS}). */
    public List<WebhookAttempt> attempts(String eventId) {
        return attempts.ofEvent(eventId, MAX_ATTEMPTS);
    }

    /** Events Stripe created per hour since {@code since} (hour start in epoch seconds → count). */
    public Map<Long, Long> perHour(Instant since) {
        return events.countsPerHour(since);
    }

    /** A page of events and the total the query selects. */
    public record EventPage(List<LoggedEvent> events, long total, EventQuery query) {

        public EventPage {
            events = List.copyOf(events);
        }

        public boolean hasNext() {
            return query.offset() + events.size() < total;
        }
    }
}
