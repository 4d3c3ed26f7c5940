package dev.tollgate.payments.application;

import dev.tollgate.payments.domain.model.EntitlementChanged;
import dev.tollgate.payments.domain.model.EventSource;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.StripeEvent;
import dev.tollgate.payments.domain.service.RejectedWebhookException;
import dev.tollgate.payments.domain.service.WebhookVerification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Applies logged events again, for an admin: one by id, every failed one, every unmatched one (its customer may
 * be known by now), or those of a type in a time range. Each goes through the same handlers in a transaction of
 * its own ({@link WebhookTransaction#replay}); an event that took effect already is left alone, so replaying twice
 * changes nothing the second time.
 */
@ApplicationScoped
public class Replay {

    private static final Logger LOG = Logger.getLogger(Replay.class.getName());

    /** The most events one request replays; ask again for the rest. */
    public static final int MAX_EVENTS = 1000;

    @Inject
    ReplayLog log;

    @Inject
    WebhookTransaction transaction;

    @Inject
    WebhookVerification reader;

    @Inject
    WebhookEventLog eventLog;

    @Inject
    AttemptLog attempts;

    @Inject
    CustomerSync customerSync;

    /** What became of one event. */
    public record Replayed(String eventId, String status, String note) {
    }

    public Replayed one(String eventId, Consumer<EntitlementChanged> publish) {
        Optional<String> payload = log.payload(eventId);
        if (payload.isEmpty()) {
            return new Replayed(eventId, "unknown", "no such event in the log");
        }
        StripeEvent event;
        try {
            event = reader.readLogged(payload.get());
        } catch (RejectedWebhookException unreadable) {
            return new Replayed(eventId, "unreadable", unreadable.getMessage());
        }
        Instant startedAt = attempts.start();
        try {
            Optional<WebhookOutcome> outcome = customerSync.settlingTiesOutsideTheLock(
                    askedOnTie -> transaction.replay(event, askedOnTie));
            if (outcome.isEmpty()) {
                return new Replayed(eventId, "unknown", "no such event in the log");
            }
            outcome.get().changes().forEach(publish);
            LOG.info(() -> "Replayed " + eventId + " (" + event.type() + "): " + outcome.get().status());
            return new Replayed(eventId, outcome.get().status(), "");
        } catch (RuntimeException failed) {
            LOG.warning(() -> "Replay of " + eventId + " failed: " + failed);
            eventLog.recordFailure(event, EventSource.REPLAY, failed.getClass().getSimpleName() + ": "
                    + failed.getMessage(), startedAt);
            return new Replayed(eventId, "failed", String.valueOf(failed.getMessage()));
        }
    }

    public List<Replayed> withStatus(EventStatus status, Consumer<EntitlementChanged> publish) {
        return each(log.idsWithStatus(status, MAX_EVENTS), publish);
    }

    public List<Replayed> ofType(String type, Instant from, Instant to, Consumer<EntitlementChanged> publish) {
        return each(log.idsOfType(type, from, to, MAX_EVENTS), publish);
    }

    private List<Replayed> each(List<String> eventIds, Consumer<EntitlementChanged> publish) {
        List<Replayed> replayed = new ArrayList<>();
        eventIds.forEach(id -> replayed.add(one(id, publish)));
        return replayed;
    }
}
