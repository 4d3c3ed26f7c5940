package dev.tollgate.payments.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The durable log entry of one Stripe event. Inserting it claims the event: the primary key on the event id makes
 * a second claim fail, which is how a duplicate delivery is recognised. What Stripe sent never changes after the
 * insert ({@code updatable = false}), so finishing the entry rewrites only its status columns, not the payload.
 * A first delivery inserts its entry already finished with the outcome it is expected to have, in the transaction
 * of its effect; {@code processed_at} is then the moment of that claim, a few milliseconds before the commit.
 */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent {

    /** Payloads are kept for diagnosis, capped so a huge event cannot bloat the table. */
    public static final int PAYLOAD_CAP = 65_536;
    private static final int ERROR_CAP = 1_000;

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "type", nullable = false, updatable = false)
    private String type;

    @Column(name = "livemode", nullable = false, updatable = false)
    private boolean livemode;

    @Column(name = "stripe_created", nullable = false, updatable = false)
    private long stripeCreated;

    @Column(name = "object_id", updatable = false)
    private String objectId;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "source", nullable = false, updatable = false)
    private String source;

    @Column(name = "payload", updatable = false)
    private String payload;

    protected WebhookEvent() {
        // for JPA
    }

    public WebhookEvent(StripeEvent event, String source, Instant receivedAt) {
        this.eventId = event.id();
        this.type = event.type();
        this.livemode = event.livemode();
        this.stripeCreated = event.created().getEpochSecond();
        this.objectId = event.objectId();
        this.receivedAt = receivedAt;
        this.source = source;
        this.payload = cap(event.payload(), PAYLOAD_CAP);
        this.attempts = 1;
        this.status = EventStatus.FAILED.dbValue();
    }

    /**
     * Records the outcome. An entry that already says so (it was claimed with the outcome it was expected to have)
     * stays as it is, so the provider finds nothing to update.
     */
    public void finish(EventStatus outcome, Instant at, String note) {
        String cappedNote = cap(note, ERROR_CAP);
        if (processedAt != null && outcome.dbValue().equals(status) && Objects.equals(cappedNote, lastError)) {
            return;
        }
        this.status = outcome.dbValue();
        this.processedAt = at;
        this.lastError = cappedNote;
    }

    public void recordFailure(String error) {
        this.status = EventStatus.FAILED.dbValue();
        this.lastError = cap(error, ERROR_CAP);
    }

    public void countAttempt() {
        attempts++;
    }

    /**
     * The row as a claim inserts it: column → value, only the columns that have a value, in the mapping's order.
     * The claim is a plain insert rather than a persist (see the repository), so it needs the row spelled out.
     */
    public Map<String, Object> columns() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", eventId);
        row.put("type", type);
        row.put("livemode", livemode);
        row.put("stripe_created", stripeCreated);
        row.put("object_id", objectId);
        row.put("received_at", receivedAt);
        row.put("processed_at", processedAt);
        row.put("status", status);
        row.put("attempts", attempts);
        row.put("last_error", lastError);
        row.put("source", source);
        row.put("payload", payload);
        row.values().removeIf(Objects::isNull);
        return row;
    }

    public String eventId() { return eventId; }
    public EventStatus status() { return EventStatus.fromDb(status); }
    public Instant processedAt() { return processedAt; }
    public String lastError() { return lastError; }

    private static String cap(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
