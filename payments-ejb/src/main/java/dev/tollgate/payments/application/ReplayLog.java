package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The event log's reads a replay needs, each in a short transaction of its own. */
@Stateless
@Dependent
@Transactional
public class ReplayLog {

    @Inject
    WebhookEventRepository events;

    public Optional<String> payload(String eventId) {
        return events.payload(eventId);
    }

    public List<String> idsWithStatus(EventStatus status, int limit) {
        return events.idsWithStatus(status, limit);
    }

    public List<String> idsOfType(String type, Instant from, Instant to, int limit) {
        return events.idsOfType(type, from, to, limit);
    }
}
